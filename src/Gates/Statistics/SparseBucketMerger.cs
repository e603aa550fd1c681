namespace Shipgate.Gates.Statistics;

/// <summary>
/// Merges adjacent sparse buckets so that every cell of the 2×K baseline/candidate table has an
/// expected count (under "same distribution") of at least a minimum, 5 by the usual chi-square rule.
/// </summary>
public static class SparseBucketMerger
{
    /// <summary>The customary minimum expected count per cell for a chi-square test.</summary>
    public const double DefaultMinimumExpectedCount = 5;

    /// <summary>
    /// Scans from the lowest bucket upwards, growing a group until its smaller expected cell count
    /// (min(N, M) · column total / (N + M)) reaches the minimum, then starts the next group; a short
    /// remainder at the top joins the last group. A merged bucket keeps the upper bound of its highest
    /// member. When even all buckets together fall short, one bucket is returned.
    /// </summary>
    public static AlignedHistograms Merge(AlignedHistograms histograms, double minimumExpectedCount = DefaultMinimumExpectedCount)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumExpectedCount);
        if (histograms.BucketCount == 0)
            return histograms;

        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        var grandTotal = baselineTotal + candidateTotal;
        var smallerShare = grandTotal > 0 ? Math.Min(baselineTotal, candidateTotal) / grandTotal : 0;

        var bounds = new List<double>();
        var baseline = new List<double>();
        var candidate = new List<double>();
        double groupBaseline = 0, groupCandidate = 0;
        for (var i = 0; i < histograms.BucketCount; i++)
        {
            groupBaseline += histograms.Baseline[i];
            groupCandidate += histograms.Candidate[i];
            if ((groupBaseline + groupCandidate) * smallerShare >= minimumExpectedCount)
            {
                bounds.Add(histograms.UpperBounds[i]);
                baseline.Add(groupBaseline);
                candidate.Add(groupCandidate);
                groupBaseline = groupCandidate = 0;
            }
        }

        var lastBound = histograms.UpperBounds[^1];
        if (bounds.Count == 0)
            return new AlignedHistograms([lastBound], [groupBaseline], [groupCandidate]);
        if (groupBaseline + groupCandidate > 0 || !bounds[^1].Equals(lastBound))
        {
            // The remainder above the last closed group is too small on its own: fold it in.
            bounds[^1] = lastBound;
            baseline[^1] += groupBaseline;
            candidate[^1] += groupCandidate;
        }

        return new AlignedHistograms(bounds, baseline, candidate);
    }
}
