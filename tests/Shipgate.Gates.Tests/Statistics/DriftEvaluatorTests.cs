using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class DriftEvaluatorTests
{
    private const double Inf = double.PositiveInfinity;
    private static readonly double[] Edges = [-2, -1, -0.5, 0, 0.5, 1, 2, Inf];

    /// <summary>Cumulative histogram of a normal(mean, 1) with `count` observations, exact expected counts.</summary>
    private static CumulativeHistogram Normal(double mean, double count) =>
        CumulativeHistogram.FromBuckets(Edges.Select(e => (e, count * MathNet.Numerics.Distributions.Normal.CDF(mean, 1, e))));

    [Fact]
    public void Identical_distributions_pass_with_every_statistic_reported()
    {
        var result = DriftEvaluator.Evaluate(Normal(0, 5000), Normal(0, 5000), new DriftOptions { Metric = DriftMetricKind.Psi });
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
        Assert.Equal(0, result.Psi, 12);
        Assert.Equal(0, result.KolmogorovSmirnovD, 12);
        Assert.Equal(0, result.JensenShannonDistance, 12);
        Assert.Equal(0, result.Wasserstein1, 12);
        Assert.Equal(1, result.ChiSquarePValue, 9);
        Assert.Equal(8, result.SharedBuckets);
        Assert.Equal(8, result.MergedBuckets);
        Assert.Equal(5000, result.BaselineCount, 9);
        Assert.True(result.PsiNoiseLevel > 0);
    }

    [Theory]
    [InlineData(DriftMetricKind.Psi, 0.1)]
    [InlineData(DriftMetricKind.KolmogorovSmirnov, 0.1)]
    [InlineData(DriftMetricKind.JensenShannon, 0.1)]
    [InlineData(DriftMetricKind.Wasserstein, 0.3)]
    public void A_large_significant_shift_fails_for_every_metric(DriftMetricKind metric, double threshold)
    {
        var result = DriftEvaluator.Evaluate(Normal(0, 5000), Normal(0.7, 5000), new DriftOptions { Metric = metric, EffectThreshold = threshold });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
        Assert.True(result.Value > threshold);
        Assert.True(result.PValue < result.Alpha);
        Assert.Contains("significant shift larger than the threshold", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_significant_shift_below_the_effect_threshold_passes()
    {
        // 0.1σ over 50 000 observations each is highly significant but PSI ≈ 0.01 < 0.1.
        var result = DriftEvaluator.Evaluate(Normal(0, 50000), Normal(0.1, 50000), new DriftOptions { Metric = DriftMetricKind.Psi, EffectThreshold = 0.1 });
        Assert.True(result.PValue < 1e-6);
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
        Assert.Contains("within the threshold", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_distance_from_few_observations_is_noise_and_passes()
    {
        // 0.5σ shift but only 120 vs 120 observations on 8 buckets: PSI ≈ 0.25 above the customary 0.1,
        // yet the chi-square test is not significant at 99% and the PSI noise level exceeds the threshold.
        var result = DriftEvaluator.Evaluate(Normal(0, 120), Normal(0.5, 120), new DriftOptions { Metric = DriftMetricKind.Psi, EffectThreshold = 0.1, MinimumCountPerVersion = 100 });
        Assert.True(result.Psi > 0.1);
        Assert.True(result.PsiNoiseLevel > 0.1);
        Assert.False(result.PValue < result.Alpha);
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
    }

    [Fact]
    public void Too_few_observations_are_inconclusive()
    {
        var result = DriftEvaluator.Evaluate(Normal(0, 5000), Normal(3, 50), new DriftOptions { MinimumCountPerVersion = 100 });
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("too few observations", result.Reason, StringComparison.Ordinal);
        Assert.True(double.IsNaN(result.Psi));
    }

    [Fact]
    public void Empty_histograms_are_inconclusive()
    {
        Assert.Equal(StatisticalPhase.Inconclusive, DriftEvaluator.Evaluate(CumulativeHistogram.Empty, Normal(0, 500), new DriftOptions()).Phase);
        Assert.Equal(StatisticalPhase.Inconclusive, DriftEvaluator.Evaluate(Normal(0, 0), Normal(0, 0), new DriftOptions()).Phase);
    }

    [Fact]
    public void No_shared_edges_are_inconclusive()
    {
        var baseline = CumulativeHistogram.FromBuckets([(0.1, 500), (0.2, 1000)]);
        var candidate = CumulativeHistogram.FromBuckets([(0.15, 500), (0.25, 1000)]);
        var result = DriftEvaluator.Evaluate(baseline, candidate, new DriftOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("share no bucket edge", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_count_is_inconclusive_and_named()
    {
        var candidate = CumulativeHistogram.FromBuckets([(0, 250), (1, double.NaN), (Inf, 500)]);
        var result = DriftEvaluator.Evaluate(CumulativeHistogram.FromBuckets([(0, 250), (1, 400), (Inf, 500)]), candidate, new DriftOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("candidate histogram unusable", result.Reason, StringComparison.Ordinal);
        Assert.Contains("le=\"1\"", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void All_observations_in_one_bucket_are_inconclusive()
    {
        var same = CumulativeHistogram.FromBuckets([(0.5, 0), (1, 1000), (Inf, 1000)]);
        var result = DriftEvaluator.Evaluate(same, same, new DriftOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Equal(1, result.MergedBuckets);
        Assert.Contains("one bucket", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_moving_to_another_bucket_fails()
    {
        var baseline = CumulativeHistogram.FromBuckets([(0.5, 0), (1, 1000), (2, 1000), (Inf, 1000)]);
        var candidate = CumulativeHistogram.FromBuckets([(0.5, 0), (1, 0), (2, 1000), (Inf, 1000)]);
        var result = DriftEvaluator.Evaluate(baseline, candidate, new DriftOptions { Metric = DriftMetricKind.KolmogorovSmirnov, EffectThreshold = 0.2 });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
        Assert.Equal(1, result.KolmogorovSmirnovD, 12);
        Assert.Equal(1, result.JensenShannonDistance, 12);
        // Uniform on (0.5, 1] against uniform on (1, 2]: one dominates the other, so W1 is the difference
        // of the means, 1.5 − 0.75 (by hand).
        Assert.Equal(0.75, result.Wasserstein1, 12);
    }

    [Fact]
    public void Invalid_options_name_the_option() =>
        Assert.Equal("EffectThreshold", Assert.Throws<ArgumentOutOfRangeException>(() =>
            DriftEvaluator.Evaluate(Normal(0, 10), Normal(0, 10), new DriftOptions { EffectThreshold = double.NaN })).ParamName);
}
