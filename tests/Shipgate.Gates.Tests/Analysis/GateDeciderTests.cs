using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Analysis;

public class GateDeciderTests
{
    private static GateStatus Decide(string phases, int planned, GateLimits? limits = null) =>
        GateDecider.Decide(Measurements.Of(phases), limits ?? GateLimits.Default, planned).Status;

    [Theory]
    [InlineData("", 3, GateStatus.Running)]
    [InlineData("PP", 3, GateStatus.Running)]
    [InlineData("PPP", 3, GateStatus.Pass)]
    public void A_gate_passes_only_once_every_planned_measurement_is_taken(string phases, int planned, GateStatus expected) =>
        Assert.Equal(expected, Decide(phases, planned));

    [Fact]
    public void With_failure_limit_0_the_first_failure_fails_the_gate_at_once() =>
        Assert.Equal(GateStatus.Fail, Decide("PF", 5));

    [Theory]
    [InlineData("PFPFP", GateStatus.Pass)]
    [InlineData("PFFF", GateStatus.Fail)]
    [InlineData("FF", GateStatus.Running)]
    public void The_failure_limit_counts_failures_not_in_a_row(string phases, GateStatus expected) =>
        Assert.Equal(expected, Decide(phases, 5, new GateLimits(FailureLimit: 2)));

    [Theory]
    [InlineData("I", 3, 0, GateStatus.Inconclusive)]
    [InlineData("IPP", 3, 1, GateStatus.Pass)]
    [InlineData("IPI", 3, 1, GateStatus.Inconclusive)]
    public void The_inconclusive_limit(string phases, int planned, int limit, GateStatus expected) =>
        Assert.Equal(expected, Decide(phases, planned, new GateLimits(InconclusiveLimit: limit)));

    [Theory]
    [InlineData("PEEE", 10, GateStatus.Running)]
    [InlineData("PEEEE", 10, GateStatus.Error)]
    [InlineData("EEPEEEP", 10, GateStatus.Running)]
    public void Only_consecutive_errors_count_against_the_error_limit(string phases, int planned, GateStatus expected) =>
        Assert.Equal(expected, Decide(phases, planned, new GateLimits(ConsecutiveErrorLimit: 3)));

    [Fact]
    public void A_gate_whose_last_measurement_was_an_error_does_not_pass() =>
        Assert.Equal(GateStatus.Error, Decide("PPE", 3));

    [Fact]
    public void Errors_within_the_limit_followed_by_a_pass_do_not_stop_a_pass() =>
        Assert.Equal(GateStatus.Pass, Decide("PEP", 3));

    [Fact]
    public void A_gate_with_no_passing_measurement_is_never_a_pass()
    {
        // Tolerating inconclusive and error measurements must not turn "nothing passed" into a pass.
        var lenient = new GateLimits(InconclusiveLimit: 10, ConsecutiveErrorLimit: 10);
        Assert.Equal(GateStatus.Inconclusive, Decide("IIEI", 4, lenient));
    }

    [Fact]
    public void Failure_outranks_inconclusive_and_error() =>
        Assert.Equal(GateStatus.Fail, Decide("IEF", 3, new GateLimits(InconclusiveLimit: 0, ConsecutiveErrorLimit: 0)));

    [Fact]
    public void The_reason_names_the_count_the_limit_and_the_last_bad_measurement()
    {
        var decision = GateDecider.Decide(Measurements.Of("PFPF"), new GateLimits(FailureLimit: 1), 5);
        Assert.Equal(GateStatus.Fail, decision.Status);
        Assert.Contains("2 of 4", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("failureLimit 1", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("reason 3", decision.Reason, StringComparison.Ordinal);
    }
}
