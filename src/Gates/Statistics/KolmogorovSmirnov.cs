namespace Shipgate.Gates.Statistics;

/// <summary>Two-sample Kolmogorov–Smirnov statistic from two cumulative histograms, and its p-value.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// D = max over the shared upper bounds of |F_baseline − F_candidate|. The empirical CDFs are only
    /// known at the bucket edges, so this is a lower bound of the D of the raw observations (docs/architecture.md, "Gates, in brief").
    /// NaN when either version has no observations or there are no buckets.
    /// </summary>
    public static double Statistic(AlignedHistograms histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        if (!histograms.BothObserved)
            return double.NaN;

        double baselineCumulative = 0, candidateCumulative = 0, d = 0;
        for (var i = 0; i < histograms.BucketCount; i++)
        {
            baselineCumulative += histograms.Baseline[i];
            candidateCumulative += histograms.Candidate[i];
            d = Math.Max(d, Math.Abs((baselineCumulative / baselineTotal) - (candidateCumulative / candidateTotal)));
        }

        return d;
    }

    /// <summary>
    /// Two-sided p-value from the asymptotic Kolmogorov distribution: P(K &gt; √n_e · D) with the
    /// effective sample size n_e = N·M/(N+M) (the same as scipy's <c>kstwobign.sf(sqrt(en) * d)</c>).
    /// Binned data make the test conservative: the true D can only be larger.
    /// </summary>
    public static double PValue(double d, double baselineCount, double candidateCount)
    {
        if (double.IsNaN(d) || !(baselineCount > 0) || !(candidateCount > 0))
            return double.NaN;
        var effectiveN = baselineCount * candidateCount / (baselineCount + candidateCount);
        return KolmogorovSurvival(Math.Sqrt(effectiveN) * d);
    }

    /// <summary>P(K &gt; λ) of the Kolmogorov distribution, by whichever of its two series converges fast at λ.</summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda))
            return double.NaN;
        if (lambda <= 0)
            return 1;
        if (lambda < 1.18)
        {
            // CDF = √(2π)/λ · Σ_{k≥1} exp(−(2k−1)²π² / (8λ²)), fast for small λ.
            var sum = 0.0;
            for (var k = 1; k <= 50; k++)
            {
                var odd = (2 * k) - 1;
                var term = Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * lambda * lambda));
                sum += term;
                if (term < 1e-17 * sum)
                    break;
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / lambda * sum), 0, 1);
        }

        // Survival = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²), fast for large λ.
        var survival = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            survival += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-300 || term < 1e-17 * survival)
                break;
        }

        return Math.Clamp(survival, 0, 1);
    }
}
