using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

/// <summary>Expected values worked by hand from PromQL's histogram_quantile rules (promql/quantile.go semantics).</summary>
public class HistogramQuantileTests
{
    private const double Inf = double.PositiveInfinity;
    private static readonly CumulativeHistogram Latency = CumulativeHistogram.FromBuckets([(0.1, 50), (0.25, 80), (0.5, 95), (1, 99), (Inf, 100)]);

    [Theory]
    [InlineData(0.5, 0.1)] // rank 50 is the top of the first bucket
    [InlineData(0.25, 0.05)] // rank 25 halfway through (0, 0.1]
    [InlineData(0.95, 0.5)] // rank 95 is the top of (0.25, 0.5]
    [InlineData(0.9, 0.4166666666666667)] // 0.25 + 0.25 · (90 − 80) / 15
    [InlineData(0.995, 1.0)] // rank 99.5 falls into +Inf: the highest finite bound
    public void Interpolates_like_prometheus(double q, double expected) =>
        Assert.Equal(expected, HistogramQuantile.Estimate(q, Latency), 12);

    [Fact]
    public void Missing_or_invalid_data_give_nan()
    {
        Assert.True(double.IsNaN(HistogramQuantile.Estimate(0.95, CumulativeHistogram.Empty)));
        Assert.True(double.IsNaN(HistogramQuantile.Estimate(0.95, CumulativeHistogram.FromBuckets([(0.1, 0), (Inf, 0)]))));
        Assert.True(double.IsNaN(HistogramQuantile.Estimate(0.95, CumulativeHistogram.FromBuckets([(0.1, 5), (1, 9)]))));
        Assert.True(double.IsNaN(HistogramQuantile.Estimate(1.5, Latency)));
    }
}
