using MathNet.Numerics;

namespace Shipgate.Gates.Statistics;

/// <summary>Pearson's chi-square test that baseline and candidate come from the same distribution.</summary>
public static class ChiSquareHomogeneity
{
    /// <summary>The result of one test; NaN statistic and p-value when it cannot be computed.</summary>
    public readonly record struct Result(double Statistic, int DegreesOfFreedom, double PValue);

    /// <summary>
    /// Σ (O − E)² / E over the 2×K table with E = row total · column total / grand total, K − 1 degrees
    /// of freedom, no continuity correction. Buckets empty in both versions carry no information and are
    /// skipped. Apply to buckets merged by <see cref="SparseBucketMerger"/> so the χ² approximation holds.
    /// NaN (and 0 degrees of freedom) with fewer than two informative buckets or an empty version.
    /// </summary>
    public static Result Test(AlignedHistograms histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        var grandTotal = baselineTotal + candidateTotal;
        var informative = 0;
        var statistic = 0.0;
        for (var i = 0; i < histograms.BucketCount; i++)
        {
            var column = histograms.Baseline[i] + histograms.Candidate[i];
            if (!(column > 0))
                continue;
            informative++;
            var expectedBaseline = baselineTotal * column / grandTotal;
            var expectedCandidate = candidateTotal * column / grandTotal;
            statistic += Square(histograms.Baseline[i] - expectedBaseline) / expectedBaseline;
            statistic += Square(histograms.Candidate[i] - expectedCandidate) / expectedCandidate;
        }

        if (informative < 2 || !(baselineTotal > 0) || !(candidateTotal > 0) || double.IsNaN(statistic))
            return new Result(double.NaN, 0, double.NaN);
        var degreesOfFreedom = informative - 1;
        // The upper regularized gamma keeps tiny p-values accurate where 1 − CDF would round to 0.
        return new Result(statistic, degreesOfFreedom, SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2));
    }

    private static double Square(double x) => x * x;
}
