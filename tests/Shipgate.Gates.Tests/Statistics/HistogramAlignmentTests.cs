using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class HistogramAlignmentTests
{
    private const double Inf = double.PositiveInfinity;

    [Fact]
    public void Keeps_only_the_edges_both_versions_share_and_recomputes_bucket_counts()
    {
        // The candidate added a 0.25 bucket and dropped 2.5: compare on 0.1, 0.5, 1, +Inf.
        var baseline = CumulativeHistogram.FromBuckets([(0.1, 5), (0.5, 20), (1, 30), (2.5, 38), (Inf, 40)]);
        var candidate = CumulativeHistogram.FromBuckets([(0.1, 4), (0.25, 10), (0.5, 18), (1, 33), (Inf, 50)]);

        var aligned = HistogramAlignment.Align(baseline, candidate);

        Assert.Equal([0.1, 0.5, 1, Inf], aligned.UpperBounds);
        Assert.Equal([5.0, 15, 10, 10], aligned.Baseline);
        Assert.Equal([4.0, 14, 15, 17], aligned.Candidate);
        Assert.Equal(40, aligned.BaselineTotal);
        Assert.Equal(50, aligned.CandidateTotal);
    }

    [Fact]
    public void Disjoint_edges_give_no_buckets()
    {
        var baseline = CumulativeHistogram.FromBuckets([(0.1, 5), (0.2, 9)]);
        var candidate = CumulativeHistogram.FromBuckets([(0.15, 5), (0.3, 9)]);
        Assert.Equal(0, HistogramAlignment.Align(baseline, candidate).BucketCount);
    }

    [Fact]
    public void Empty_histogram_aligns_to_nothing() =>
        Assert.Equal(0, HistogramAlignment.Align(CumulativeHistogram.Empty, CumulativeHistogram.FromBuckets([(Inf, 3)])).BucketCount);
}
