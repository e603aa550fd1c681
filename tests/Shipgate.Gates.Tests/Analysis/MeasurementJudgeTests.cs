using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Analysis;

public class MeasurementJudgeTests
{
    private static readonly BandCriterion AtMostOnePercent = new(new ThresholdBand(null, 0.01));
    private static readonly GateLimits Needs100Samples = new(MinSamples: 100);

    private static MeasurementPhase PhaseOf(Observation o, GateLimits? limits = null) =>
        MeasurementJudge.Judge("g", DateTimeOffset.UnixEpoch, o, limits ?? Needs100Samples).Phase;

    [Fact]
    public void A_value_inside_the_band_with_enough_samples_passes() =>
        Assert.Equal(MeasurementPhase.Pass, PhaseOf(new(["q"], 0.005, 500, AtMostOnePercent)));

    [Fact]
    public void A_value_outside_the_band_fails() =>
        Assert.Equal(MeasurementPhase.Fail, PhaseOf(new(["q"], 0.02, 500, AtMostOnePercent)));

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Missing_or_non_finite_values_are_inconclusive_never_pass(double? value)
    {
        // A band with no limits at all would accept any finite value: only the judge's rule stops these.
        var open = new BandCriterion(ThresholdBand.None);
        Assert.Equal(MeasurementPhase.Inconclusive, PhaseOf(new(["q"], value, 500, open)));
    }

    [Theory]
    [InlineData(99.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void Too_few_or_unknown_samples_are_inconclusive(double samples)
    {
        var m = MeasurementJudge.Judge("g", DateTimeOffset.UnixEpoch, new(["q"], 0.0, samples, AtMostOnePercent), Needs100Samples);
        Assert.Equal(MeasurementPhase.Inconclusive, m.Phase);
    }

    [Fact]
    public void A_missing_sample_size_is_inconclusive_when_the_gate_needs_samples() =>
        Assert.Equal(MeasurementPhase.Inconclusive, PhaseOf(new(["q"], 0.0, null, AtMostOnePercent)));

    [Fact]
    public void A_gate_without_a_sample_minimum_does_not_need_a_sample_size() =>
        Assert.Equal(MeasurementPhase.Pass, PhaseOf(new(["q"], 0.0, null, AtMostOnePercent), GateLimits.Default));

    [Fact]
    public void A_backend_error_is_an_error_and_keeps_its_message()
    {
        var m = MeasurementJudge.Judge("g", DateTimeOffset.UnixEpoch, Observation.Failed(["up"], "connection refused"), Needs100Samples);
        Assert.Equal(MeasurementPhase.Error, m.Phase);
        Assert.Contains("connection refused", m.Reason, StringComparison.Ordinal);
        Assert.Equal(["up"], m.Queries);
    }

    [Fact]
    public void A_backend_error_is_an_error_even_when_a_value_came_with_it() =>
        Assert.Equal(MeasurementPhase.Error, PhaseOf(new(["q"], 0.0, 500, AtMostOnePercent, BackendError: "timeout")));

    [Theory]
    [InlineData(true, MeasurementPhase.Pass)]
    [InlineData(false, MeasurementPhase.Fail)]
    [InlineData(null, MeasurementPhase.Inconclusive)]
    public void A_statistical_test_decides_by_its_own_answer(bool? passed, MeasurementPhase expected) =>
        Assert.Equal(expected, PhaseOf(new(["q"], 0.3, 500, new TestCriterion(passed, "psi")), Needs100Samples));

    [Fact]
    public void A_passing_statistical_test_on_too_few_samples_is_still_inconclusive() =>
        Assert.Equal(MeasurementPhase.Inconclusive, PhaseOf(new(["q"], 0.01, 10, new TestCriterion(true, "no shift"))));

    [Fact]
    public void The_measurement_keeps_value_samples_queries_and_time()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var m = MeasurementJudge.Judge("error-rate", at, new(["a", "b"], 0.5, 1000, AtMostOnePercent), Needs100Samples);
        Assert.Equal(("error-rate", at, 0.5, 1000.0), (m.Gate, m.Time, m.Value!.Value, m.SampleSize!.Value));
        Assert.Equal(["a", "b"], m.Queries);
        Assert.Contains("0.5", m.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecided_test_with_a_NaN_value_gives_the_tests_own_reason_not_a_guess_about_traffic()
    {
        var m = MeasurementJudge.Judge("drift", DateTimeOffset.UnixEpoch, new(["q"], double.NaN, 5000, new TestCriterion(null, "too few observations: baseline 40, candidate 5000")), GateLimits.Default);
        Assert.Equal((MeasurementPhase.Inconclusive, "too few observations: baseline 40, candidate 5000"), (m.Phase, m.Reason));
        Assert.DoesNotContain("0/0", m.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infinite_ratio_is_judged_by_the_test_that_decided_on_the_counts()
    {
        var m = MeasurementJudge.Judge("compare", DateTimeOffset.UnixEpoch, new(["q"], double.PositiveInfinity, 500, new TestCriterion(false, "mean from 0 (baseline) to 0.1")), GateLimits.Default);
        Assert.Equal((MeasurementPhase.Fail, "mean from 0 (baseline) to 0.1"), (m.Phase, m.Reason));
        Assert.DoesNotContain("Infinity", m.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_observation_is_not_judged_yet_and_says_why()
    {
        var m = MeasurementJudge.Judge("drift", DateTimeOffset.UnixEpoch, Observation.NotYet(["q"], "scraped for 4s, less than the 30s window"), GateLimits.Default);
        Assert.Equal((MeasurementPhase.Pending, "not judged yet (scraped for 4s, less than the 30s window)"), (m.Phase, m.Reason));
    }
}
