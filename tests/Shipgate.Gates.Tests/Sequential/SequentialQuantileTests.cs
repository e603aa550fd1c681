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
    public void The_ratio_tests_the_share_slower_than_the_edge_above_the_baselines_quantile()
    {
        // reference_values.py "# quantile": edge 0.4, shares 1% vs 2%, +20% would put 4% above it, ln LR −1.1297
        var result = SequentialQuantile.Evaluate(0.95, Histogram(500, 400, 90, 10), Histogram(400, 450, 130, 20), new SequentialOptions { MinimumEffect = 0.2 });
        Reference.Close(0.030000000000000034, result.MinimumEffect, 1e-12);
        Reference.Close(0.01, result.Effect, 1e-12);
        Reference.Close(-1.1296720835275946, result.LogLikelihoodRatio, 1e-10);
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("slower than 0.4", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_regressed_share_is_read_from_the_baseline_by_linear_interpolation() =>
        Assert.Equal(900 + (90 * ((0.4 / 1.2) - 0.2) / 0.2), SequentialQuantile.CumulativeAt(0.4 / 1.2, Bounds, [500, 900, 990, 1000]), 12);

    [Fact]
    public void The_edge_is_the_upper_bound_of_the_bucket_holding_the_quantile()
    {
        Assert.Equal(2, SequentialQuantile.EdgeAbove(0.95, Bounds, [500, 900, 990, 1000]));
        Assert.Null(SequentialQuantile.EdgeAbove(0.95, Bounds, [500, 600, 700, 1000]));
    }

    [Fact]
    public void A_tail_that_quadruples_on_much_data_fails()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(5000, 4000, 900, 100), Histogram(4000, 4500, 1100, 400), new SequentialOptions { MinimumEffect = 0.2 });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
    }

    [Fact]
    public void The_same_distribution_with_much_data_passes()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(50000, 40000, 9000, 1000), Histogram(50000, 40000, 9000, 1000), new SequentialOptions { MinimumEffect = 0.2 });
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
    }

    [Fact]
    public void A_quantile_in_the_open_bucket_has_no_edge_and_is_no_evidence()
    {
        var result = SequentialQuantile.Evaluate(0.95, Histogram(100, 0, 0, 900), Histogram(100, 0, 0, 900), new SequentialOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.False(result.HasEvidence);
    }
}
