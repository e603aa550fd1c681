using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Tests.Statistics;

namespace Shipgate.Gates.Tests.Sequential;

public class SequentialQuantileTests
{
    private static readonly double[] Bounds = [0.1, 0.2, 0.4, double.PositiveInfinity];

    private static CumulativeHistogram Histogram(params double[] perBucket)
    {
        var running = 0.0;
        return CumulativeHistogram.FromBuckets(Bounds.Select((b, k) => (b, running += perBucket[k])).ToList());
    }

    [Fact]
    public void The_ratio_uses_the_interpolated_quantiles_and_the_pooled_density()
    {
        // reference_values.py "# quantile": qb 0.3111, qc 0.3538, f·q 0.185, llr(+20%) 2.4665
        var result = SequentialQuantile.Evaluate(0.95, Histogram(500, 400, 90, 10), Histogram(400, 450, 130, 20), new SequentialOptions { MinimumEffect = 0.2 });
        Reference.Close(0.35384615384615387 / 0.3111111111111111 - 1, result.Effect, 1e-12);
        Reference.Close(2.4665116439156853, result.LogLikelihoodRatio, 1e-10);
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
    }

    [Fact]
    public void The_log_density_at_the_quantile_is_the_bucket_share_over_its_width_times_the_quantile() =>
        // reference_values.py "# quantile": f*q of the pooled histogram
        Reference.Close(0.185, SequentialQuantile.LogDensityAtQuantile(0.95, Bounds, [900, 850, 220, 30]), 1e-12);

    [Fact]
    public void Much_more_data_of_the_same_shift_fails()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(5000, 4000, 900, 100), Histogram(4000, 4500, 1300, 200), new SequentialOptions { MinimumEffect = 0.2 });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
    }

    [Fact]
    public void The_same_distribution_with_much_data_passes()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(5000, 4000, 900, 100), Histogram(5000, 4000, 900, 100), new SequentialOptions { MinimumEffect = 0.2 });
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
    }

    [Fact]
    public void A_quantile_in_the_open_bucket_has_no_density_and_is_no_evidence()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(100, 0, 0, 900), Histogram(100, 0, 0, 900), new SequentialOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.False(result.HasEvidence);
    }
}
