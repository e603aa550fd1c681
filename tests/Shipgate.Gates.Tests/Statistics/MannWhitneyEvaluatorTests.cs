using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class MannWhitneyEvaluatorTests
{
    private static readonly double[] Baseline = [.. Enumerable.Range(0, 30).Select(i => 100.0 + (i % 10))];

    private static double[] Scaled(double factor) => [.. Baseline.Select(v => v * factor)];

    [Fact]
    public void A_significant_increase_beyond_the_band_fails()
    {
        var result = MannWhitneyEvaluator.Evaluate(Scaled(1.3), Baseline, new MannWhitneyOptions { Confidence = 0.95, AllowedIncreaseRatio = 1.2 });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
        Assert.True(result.PValue < 0.05);
        Reference.Close(1.3, result.EffectSize, 1e-12);
        Assert.Contains("increase", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_significant_increase_inside_the_band_passes()
    {
        // 1.1× is clearly significant with 30 values each, but the band tolerates up to 1.2×.
        var result = MannWhitneyEvaluator.Evaluate(Scaled(1.1), Baseline, new MannWhitneyOptions { AllowedIncreaseRatio = 1.2 });
        Assert.True(result.PValue < 0.001);
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
    }

    [Fact]
    public void A_decrease_only_fails_when_decrease_is_the_bad_direction()
    {
        var lower = Scaled(0.5);
        Assert.Equal(StatisticalPhase.Pass, MannWhitneyEvaluator.Evaluate(lower, Baseline, new MannWhitneyOptions { Direction = RegressionDirection.Increase }).Phase);
        Assert.Equal(StatisticalPhase.Fail, MannWhitneyEvaluator.Evaluate(lower, Baseline, new MannWhitneyOptions { Direction = RegressionDirection.Decrease }).Phase);
        Assert.Equal(StatisticalPhase.Fail, MannWhitneyEvaluator.Evaluate(lower, Baseline, new MannWhitneyOptions { Direction = RegressionDirection.Either }).Phase);
    }

    [Fact]
    public void A_large_but_insignificant_ratio_passes()
    {
        // Ratio of means 2 driven by one outlier: the ranks barely move, so no significant shift.
        double[] candidate = [.. Baseline.Take(29), 3100];
        var result = MannWhitneyEvaluator.Evaluate(candidate, Baseline, new MannWhitneyOptions());
        Assert.True(result.EffectSize > 1.9);
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
    }

    [Fact]
    public void Median_ratio_ignores_the_outlier_that_moves_the_mean()
    {
        double[] candidate = [.. Baseline.Take(29), 3100];
        var result = MannWhitneyEvaluator.Evaluate(candidate, Baseline, new MannWhitneyOptions { EffectSize = EffectSizeMeasure.MedianRatio });
        Reference.Close(1.0, result.EffectSize, 1e-12); // both medians are 104.5 (by hand)
    }

    [Fact]
    public void Too_few_values_are_inconclusive_never_pass()
    {
        var result = MannWhitneyEvaluator.Evaluate([1, 2, 3], Baseline, new MannWhitneyOptions { MinimumSampleSize = 10 });
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("too few", result.Reason, StringComparison.Ordinal);
        Assert.Equal(StatisticalPhase.Inconclusive, MannWhitneyEvaluator.Evaluate([], [], new MannWhitneyOptions()).Phase);
    }

    [Fact]
    public void A_nan_value_is_inconclusive_never_pass()
    {
        double[] candidate = [.. Baseline.Take(29), double.NaN];
        var result = MannWhitneyEvaluator.Evaluate(candidate, Baseline, new MannWhitneyOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("NaN", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identical_constant_series_pass_with_p_one()
    {
        double[] flat = [.. Enumerable.Repeat(0.0, 20)];
        var result = MannWhitneyEvaluator.Evaluate(flat, flat, new MannWhitneyOptions());
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
        Assert.Equal(1, result.PValue);
        Assert.Equal(1, result.EffectSize);
    }

    [Fact]
    public void Invalid_options_name_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MannWhitneyEvaluator.Evaluate(Baseline, Baseline, new MannWhitneyOptions { AllowedIncreaseRatio = 0.9 }));
        Assert.Equal("AllowedIncreaseRatio", error.ParamName);
    }
}
