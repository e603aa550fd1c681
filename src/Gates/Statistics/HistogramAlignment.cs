namespace Shipgate.Gates.Statistics;

/// <summary>Puts two histograms onto the bucket edges both of them have (docs/architecture.md, "Gates, in brief").</summary>
public static class HistogramAlignment
{
    /// <summary>
    /// Keeps only the upper bounds present in both histograms and re-derives per-bucket counts from the
    /// cumulative counts at those bounds. This is exact: a cumulative count at a shared bound means the
    /// same thing in both histograms, whatever other bounds either one has. Versions that changed their
    /// bucket layout thus compare on the coarser common grid. No shared bound gives zero buckets.
    /// </summary>
    public static AlignedHistograms Align(CumulativeHistogram baseline, CumulativeHistogram candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var baselineCumulative = baseline.MonotonicCumulativeCounts();
        var candidateCumulative = candidate.MonotonicCumulativeCounts();

        var bounds = new List<double>();
        var baselineAtBound = new List<double>();
        var candidateAtBound = new List<double>();
        int i = 0, j = 0;
        while (i < baseline.BucketCount && j < candidate.BucketCount)
        {
            var b = baseline.UpperBounds[i];
            var c = candidate.UpperBounds[j];
            if (b.Equals(c))
            {
                bounds.Add(b);
                baselineAtBound.Add(baselineCumulative[i]);
                candidateAtBound.Add(candidateCumulative[j]);
                i++;
                j++;
            }
            else if (b < c)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new AlignedHistograms(bounds, Differences(baselineAtBound), Differences(candidateAtBound));
    }

    private static double[] Differences(List<double> cumulative)
    {
        var result = new double[cumulative.Count];
        for (var k = 0; k < result.Length; k++)
            result[k] = k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1];
        return result;
    }
}
