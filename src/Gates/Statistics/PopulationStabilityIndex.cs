using MathNet.Numerics.Distributions;

namespace Shipgate.Gates.Statistics;

/// <summary>Population Stability Index between a baseline and a candidate histogram.</summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// PSI = Σ (c_i − b_i) · ln(c_i / b_i) over bucket shares smoothed as (n + 0.5) / (N + 0.5·K),
    /// so an empty bucket contributes a finite term instead of an infinite one (docs/architecture.md, "Gates, in brief").
    /// NaN when either version has no observations or there are no buckets.
    /// </summary>
    public static double Compute(AlignedHistograms histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var k = histograms.BucketCount;
        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        if (k == 0 || !(baselineTotal > 0) || !(candidateTotal > 0))
            return double.NaN;

        var psi = 0.0;
        for (var i = 0; i < k; i++)
        {
            var b = (histograms.Baseline[i] + 0.5) / (baselineTotal + (0.5 * k));
            var c = (histograms.Candidate[i] + 0.5) / (candidateTotal + (0.5 * k));
            psi += (c - b) * Math.Log(c / b);
        }

        return psi;
    }

    /// <summary>
    /// The PSI that two samples of the same distribution exceed with probability alpha:
    /// (1/N + 1/M) · χ²₁₋α(K − 1). Under "no shift", N·M/(N+M) · PSI is approximately χ²(K − 1)
    /// distributed, so a PSI threshold below this level is inside the noise.
    /// </summary>
    public static double NoiseLevel(double baselineCount, double candidateCount, int buckets, double alpha)
    {
        if (buckets < 2 || !(baselineCount > 0) || !(candidateCount > 0) || !(alpha is > 0 and < 1))
            return double.NaN;
        return ((1 / baselineCount) + (1 / candidateCount)) * ChiSquared.InvCDF(buckets - 1, 1 - alpha);
    }
}
