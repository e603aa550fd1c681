using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Tests.Decisions;

public sealed class ServingEvidenceTests
{
    private static readonly VerificationOutcome Passed = Outcome(Verdict.Pass);

    [Fact]
    public void A_release_that_restarted_during_its_verification_fails_its_health_check_whatever_its_metrics_say()
    {
        var outcome = ServingEvidence.Apply(Passed, Serving("v2", restarts: 1), Serving("v2", restarts: 5));

        var failed = Assert.IsType<VerificationOutcome.HealthCheckFailed>(outcome);
        Assert.Equal("v2 restarted 4 times during its verification: it was not serving all along", failed.Message);
    }

    [Fact]
    public void A_release_started_again_without_a_counted_restart_fails_its_health_check()
    {
        var before = Serving("v2") with { Instances = [Instance("a", 0), Instance("b", 0)] };
        var after = Serving("v2") with { Instances = [Instance("a", 0), Instance("b", 9)] };

        var failed = Assert.IsType<VerificationOutcome.HealthCheckFailed>(ServingEvidence.Apply(Passed, before, after));
        Assert.Equal("v2 restarted 1 time during its verification: it was not serving all along", failed.Message);
        Assert.Same(Passed, ServingEvidence.Apply(Passed, before, before));
    }

    [Fact]
    public void A_release_that_no_longer_serves_or_was_replaced_fails_its_health_check()
    {
        Assert.Contains("now: nothing", Assert.IsType<VerificationOutcome.HealthCheckFailed>(ServingEvidence.Apply(Passed, Serving("v2"), null)).Message, StringComparison.Ordinal);
        Assert.Contains("now: v3", Assert.IsType<VerificationOutcome.HealthCheckFailed>(ServingEvidence.Apply(Passed, Serving("v2"), Serving("v3"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_steady_release_keeps_its_pass_and_other_outcomes_are_never_changed()
    {
        Assert.Same(Passed, ServingEvidence.Apply(Passed, Serving("v2", restarts: 2), Serving("v2", restarts: 2)));
        var failed = Outcome(Verdict.Fail);
        Assert.Same(failed, ServingEvidence.Apply(failed, Serving("v2"), null));
        var interrupted = new VerificationOutcome.Interrupted("SIGTERM");
        Assert.Same(interrupted, ServingEvidence.Apply(interrupted, Serving("v2"), Serving("v2", restarts: 3)));
    }

    [Theory]
    [InlineData(1000, 10, false)]
    [InlineData(1000, 11, true)]
    [InlineData(50, 1, false)]
    [InlineData(50, 2, true)]
    [InlineData(0, 0, false)]
    public void More_than_one_percent_of_verification_requests_unanswered_fails_a_pass(int sent, int unanswered, bool fails)
    {
        var traffic = new Release.Flow.TrafficReport(sent, unanswered, "summary");
        var failed = Outcome(Verdict.Fail);

        Assert.Equal(fails, ServingEvidence.Apply(Passed, traffic) is VerificationOutcome.HealthCheckFailed);
        Assert.Same(failed, ServingEvidence.Apply(failed, traffic));
    }

    private static VerificationOutcome Outcome(Verdict verdict) =>
        new VerificationOutcome.Analysed(new AnalysisResult(verdict, [], InconclusivePolicy.Rollback, ReleaseAction.Rollback, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []));

    private static InstanceStatus Instance(string id, int startedSecond) =>
        new(id, "running", null, null) { StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(startedSecond) };

    private static ReleaseInfo Serving(string version, long restarts = 0) =>
        new(TestRecords.Release(version, ReleasePhase.Verifying), []) { Restarts = restarts };
}
