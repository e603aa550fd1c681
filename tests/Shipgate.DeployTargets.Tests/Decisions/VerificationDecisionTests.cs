using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>Verifying and Paused in the ledger's pure decisions: what serves, what recovery does, which release a call may act on.</summary>
public sealed class VerificationDecisionTests
{
    private static readonly ProcessIdentity DeadVerifier = new("host-a", 4242, "100");
    private static readonly ProcessIdentity LiveVerifier = new("host-a", 4343, "200");

    private static LockState Judge(ProcessIdentity? p) =>
        LockStaleness.JudgeProcess(p, "host-a", pid => pid == LiveVerifier.Pid ? LiveVerifier.ProcessStart : null);

    [Fact]
    public void Verifying_and_paused_releases_serve_and_are_rolled_back_to_like_healthy_ones()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Paused, null, 0), Release("b", ReleasePhase.Verifying, "a", 1)]);
        Assert.Equal("b", history.Current?.ReleaseId);
        Assert.Equal("a", history.RollbackTargetOf(history.Current!)?.ReleaseId);
        Assert.Empty(history.InFlight);
    }

    [Fact]
    public void A_verification_whose_verifier_is_gone_is_rolled_back_and_the_previous_release_restored()
    {
        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Promoted, null, 0),
            Release("b", ReleasePhase.Verifying, "a", 1) with { Verifier = DeadVerifier },
        ]);
        var abandoned = RecoveryPlanner.AbandonedVerifications(history, Judge);

        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", true)], abandoned);

        Assert.Equal(["b"], abandoned);
        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        var mark = Assert.Single(steps.OfType<MarkRelease>());
        Assert.Equal(("b", ReleasePhase.RolledBack), (mark.Release.ReleaseId, mark.Phase));
        Assert.Equal("the verification was interrupted: its verifier (pid 4242 on host-a) is gone; rolled back by recovery", mark.Reason);
        Assert.Contains(steps, s => s is RestoreRelease { Release.ReleaseId: "a", ExistingInstanceId: "ca" });
    }

    [Theory]
    [InlineData("live")]
    [InlineData("elsewhere")]
    public void A_verification_whose_verifier_lives_or_runs_on_another_host_is_left_alone(string verifier)
    {
        var identity = verifier == "live" ? LiveVerifier : DeadVerifier with { Host = "host-b" };
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Verifying, "a", 1) with { Verifier = identity }]);

        var abandoned = RecoveryPlanner.AbandonedVerifications(history, Judge);

        Assert.Empty(abandoned);
        Assert.Empty(RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", true)], abandoned));
    }

    [Fact]
    public void A_call_naming_the_release_it_verified_gets_it_and_any_other_release_is_refused_naming_both()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.Verifying, "a", 1)]);
        Assert.Equal("b", history.RequireCurrent("promote", "svc/prod", "b").ReleaseId);
        Assert.Equal("b", history.RequireCurrent("promote", "svc/prod", expectedReleaseId: null).ReleaseId);

        var e = Assert.Throws<DeployTargetException>(() => history.RequireCurrent("promote", "svc/prod", "a"));
        Assert.Equal(DeployErrorKind.ReleaseMismatch, e.Kind);
        Assert.Equal("Refusing to promote release a (va, Healthy) of svc/prod: the serving release is b (vb, Verifying). Only the release that was verified is acted on.",
            e.Message);
        var unknown = Assert.Throws<DeployTargetException>(() => history.RequireCurrent("roll back", "svc/prod", "zz"));
        Assert.Equal(DeployErrorKind.ReleaseMismatch, unknown.Kind);
        Assert.Contains("release zz (not in the ledger)", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_platform_and_the_verifier_round_trip_through_the_labels_and_the_newest_recorded_platform_wins()
    {
        var record = Release("b", ReleasePhase.Verifying, "a", 1) with { Platform = DeployPlatform.Swarm, Verifier = LiveVerifier };
        Assert.Equal(record, LedgerLabels.TryParse(LedgerLabels.ToLabels(record, "ledger"), out _));
        Assert.Equal("swarm", LedgerLabels.ToLabels(record, "ledger")[LedgerLabels.Platform]);

        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Promoted, null, 0) with { Platform = DeployPlatform.Docker },
            record,
            Release("c", ReleasePhase.Failed, "b", 2),
        ]);
        Assert.Equal(DeployPlatform.Swarm, history.RecordedPlatform);
        Assert.Null(new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0)]).RecordedPlatform);
    }
}
