using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Tests.Statistics;

namespace Shipgate.Gates.Tests.Sequential;

public class SequentialMeanShiftTests
{
    private static readonly double[] Bounds = [-1, 0, 1, double.PositiveInfinity];

    private static CumulativeHistogram Histogram(double scale, params double[] perBucket)
    {
        var running = 0.0;
        return CumulativeHistogram.FromBuckets(Bounds.Select((b, k) => (b, running += perBucket[k] * scale)).ToList());
    }

    [Fact]
    public void Buckets_stand_for_their_midpoints_and_open_buckets_for_their_finite_edge() =>
        Assert.Equal([-1, -0.5, 0.5, 1], SequentialMeanShift.BucketValues(Bounds));

    [Fact]
    public void The_shift_is_in_pooled_standard_deviations_and_tested_both_ways()
    {
        // reference_values.py "# mean shift": d 0.12694, fail −0.45107, pass 0.24208
        var result = SequentialMeanShift.Evaluate(Histogram(1, 100, 400, 400, 100), Histogram(1, 80, 360, 440, 120), new SequentialOptions { MinimumEffect = 0.25 });
        Reference.Close(0.12693661105373208, result.Effect, 1e-12);
        Reference.Close(-0.45107079884341883, result.LogLikelihoodRatio, 1e-10);
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
    }

    [Fact]
    public void Half_the_minimum_effect_is_the_point_of_indifference_where_more_data_adds_little_evidence()
    {
        // d ≈ 0.127 ≈ m/2: ln LR grows only from −0.45 to 4.3 with 20 times the data (reference_values.py, checked by hand)
        var result = SequentialMeanShift.Evaluate(Histogram(20, 100, 400, 400, 100), Histogram(20, 80, 360, 440, 120), new SequentialOptions { MinimumEffect = 0.25 });
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
    }

    [Fact]
    public void A_shift_of_the_minimum_effect_fails_up_and_down()
    {
        var options = new SequentialOptions { MinimumEffect = 0.25 };
        Assert.Equal(StatisticalPhase.Fail, SequentialMeanShift.Evaluate(Histogram(1, 100, 400, 400, 100), Histogram(1, 60, 320, 480, 140), options).Phase);
        Assert.Equal(StatisticalPhase.Fail, SequentialMeanShift.Evaluate(Histogram(1, 60, 320, 480, 140), Histogram(1, 100, 400, 400, 100), options).Phase);
    }

    [Fact]
    public void No_shift_passes_only_once_both_directions_are_ruled_out()
    {
        var options = new SequentialOptions { MinimumEffect = 0.25 };
        Assert.Equal(StatisticalPhase.Inconclusive, SequentialMeanShift.Evaluate(Histogram(0.2, 100, 400, 400, 100), Histogram(0.2, 100, 400, 400, 100), options).Phase);
        Assert.Equal(StatisticalPhase.Pass, SequentialMeanShift.Evaluate(Histogram(1, 100, 400, 400, 100), Histogram(1, 100, 400, 400, 100), options).Phase);
    }

    [Fact]
    public void Everything_in_one_bucket_has_no_spread_and_is_no_evidence()
    {
        var result = SequentialMeanShift.Evaluate(Histogram(1, 0, 1000, 0, 0), Histogram(1, 0, 1000, 0, 0), new SequentialOptions());
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.False(result.HasEvidence);
    }
}
