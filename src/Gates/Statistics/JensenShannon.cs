namespace Shipgate.Gates.Statistics;

/// <summary>Jensen–Shannon distance between two histograms.</summary>
public static class JensenShannon
{
    /// <summary>
    /// √JSD with base-2 logarithms, so the distance lies in [0, 1]; computed on the raw bucket shares
    /// (0·log 0 = 0, no smoothing needed since the mixture is never zero where a share is not). NaN when
    /// either version has no observations or there are no buckets.
    /// </summary>
    public static double Distance(AlignedHistograms histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        if (!histograms.BothObserved)
            return double.NaN;

        var divergence = 0.0;
        for (var i = 0; i < histograms.BucketCount; i++)
        {
            var p = histograms.Baseline[i] / baselineTotal;
            var q = histograms.Candidate[i] / candidateTotal;
            var m = (p + q) / 2;
            if (p > 0)
                divergence += 0.5 * p * Math.Log2(p / m);
            if (q > 0)
                divergence += 0.5 * q * Math.Log2(q / m);
        }

        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }
}
