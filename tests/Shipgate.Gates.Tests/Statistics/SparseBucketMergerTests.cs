using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class SparseBucketMergerTests
{
    [Fact]
    public void Merges_neighbours_until_the_smaller_expected_cell_reaches_five()
    {
        // N = 50, M = 50: the smaller expected cell of a group is half its column total, so a group
        // closes once its column total reaches 10. Hand-computed from the column totals
        // 3,4,3 | 12 | 1,1,2,2,37 | 35.
        var aligned = Reference.Aligned(
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            [2, 2, 2, 6, 0, 1, 1, 1, 10, 25],
            [1, 2, 1, 6, 1, 0, 1, 1, 27, 10]);

        var merged = SparseBucketMerger.Merge(aligned);

        Assert.Equal([3.0, 4, 9, 10], merged.UpperBounds);
        Assert.Equal([6.0, 6, 13, 25], merged.Baseline);
        Assert.Equal([4.0, 6, 30, 10], merged.Candidate);
        Assert.All(Enumerable.Range(0, merged.BucketCount), i =>
            Assert.True((merged.Baseline[i] + merged.Candidate[i]) * 50 / 100 >= 5));
    }

    [Fact]
    public void Folds_a_sparse_top_remainder_into_the_last_group()
    {
        var aligned = Reference.Aligned([1, 2, double.PositiveInfinity], [20, 20, 1], [20, 20, 0]);
        var merged = SparseBucketMerger.Merge(aligned);
        Assert.Equal([1.0, double.PositiveInfinity], merged.UpperBounds);
        Assert.Equal([20.0, 21], merged.Baseline);
        Assert.Equal([20.0, 20], merged.Candidate);
    }

    [Fact]
    public void Too_few_observations_overall_give_one_bucket()
    {
        var merged = SparseBucketMerger.Merge(Reference.Aligned([1, 2, 1], [0, 3, 1]));
        Assert.Equal(1, merged.BucketCount);
        Assert.Equal(4, merged.BaselineTotal);
        Assert.Equal(4, merged.CandidateTotal);
    }

    [Fact]
    public void Unequal_sample_sizes_use_the_smaller_versions_share()
    {
        // N = 15, M = 1400: a group needs a column total of 5 · 1415 / 15 ≈ 472: 302 | 303 closes,
        // then 405 | 405 closes.
        var merged = SparseBucketMerger.Merge(Reference.Aligned([2, 3, 5, 5], [300, 300, 400, 400]));
        Assert.Equal([2.0, 4], merged.UpperBounds);
        Assert.Equal([5.0, 10], merged.Baseline);
        Assert.Equal([600.0, 800], merged.Candidate);
    }
}
