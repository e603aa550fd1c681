using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class CumulativeHistogramTests
{
    [Theory]
    [InlineData("0.005", 0.005)]
    [InlineData("1", 1.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e+06", 1e6)]
    [InlineData("2.5E-3", 0.0025)]
    [InlineData("-0.5", -0.5)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    public void Parses_le_as_a_number(string le, double expected) =>
        Assert.Equal(expected, CumulativeHistogram.ParseUpperBound(le));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("0,5")]
    public void Rejects_an_le_that_is_not_a_number_quoting_it(string le)
    {
        var error = Assert.Throws<FormatException>(() => CumulativeHistogram.ParseUpperBound(le));
        Assert.Contains($"le=\"{le}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sorts_buckets_numerically_not_as_text()
    {
        // As strings "10" < "2.5" < "5" < "+Inf"; as numbers 2.5 < 5 < 10 < +Inf.
        var histogram = CumulativeHistogram.FromPrometheusBuckets([("10", 9), ("2.5", 3), ("+Inf", 10), ("5", 7)]);
        Assert.Equal([2.5, 5, 10, double.PositiveInfinity], histogram.UpperBounds);
        Assert.Equal([3.0, 7, 9, 10], histogram.CumulativeCounts);
        Assert.Equal([3.0, 4, 2, 1], histogram.PerBucketCounts());
        Assert.Equal(10, histogram.TotalCount);
    }

    [Fact]
    public void Treats_1_and_1_point_0_as_the_same_bound()
    {
        var error = Assert.Throws<ArgumentException>(() => CumulativeHistogram.FromPrometheusBuckets([("1", 2), ("1.0", 2), ("+Inf", 3)]));
        Assert.Contains("le=\"1\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repairs_small_inversions_from_increase_extrapolation_like_histogram_quantile()
    {
        var histogram = CumulativeHistogram.FromBuckets([(1, 10.2), (2, 9.9), (5, 15), (double.PositiveInfinity, 14.8)]);
        Assert.Equal([10.2, 10.2, 15, 15], histogram.MonotonicCumulativeCounts());
        Assert.Equal([10.2, 0, 4.8, 0], histogram.PerBucketCounts(), new ToleranceComparer(1e-12));
        Assert.Equal(15, histogram.TotalCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Names_the_bucket_with_an_unusable_count(double count)
    {
        var histogram = CumulativeHistogram.FromBuckets([(0.5, 1), (1, count), (double.PositiveInfinity, 4)]);
        Assert.NotNull(histogram.Defect);
        Assert.Contains("le=\"1\"", histogram.Defect, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_histogram_has_no_buckets_and_no_defect()
    {
        Assert.Equal(0, CumulativeHistogram.Empty.BucketCount);
        Assert.Equal(0, CumulativeHistogram.Empty.TotalCount);
        Assert.Null(CumulativeHistogram.Empty.Defect);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
