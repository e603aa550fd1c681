using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class RecoveryPlannerTests
{
    [Fact]
    public void A_consistent_state_needs_no_steps()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1)]);
        Assert.Empty(RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", true)]));
    }

    [Fact]
    public void A_deploy_left_in_flight_is_undone_its_container_removed_and_the_previous_started()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.Deploying, "a", 1)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", false)]);

        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.Failed });
        var restore = Assert.Single(steps.OfType<RestoreRelease>());
        Assert.Equal(("a", "ca"), (restore.Release.ReleaseId, restore.ExistingInstanceId));
    }

    [Fact]
    public void A_rollback_left_in_flight_is_finished_and_marked_rolled_back_with_its_reason()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.RollingBack, "a", 1) with { Reason = "gate failed" }]);
        var steps = RecoveryPlanner.Plan(history, [new("cb", "b", true)]);

        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        Assert.Contains(steps, s => s is MarkRelease { Phase: ReleasePhase.RolledBack, Reason: "gate failed" });
        // The previous container is gone: it is recreated from the ledger's digest.
        Assert.Contains(steps, s => s is RestoreRelease { Release.ReleaseId: "a", ExistingInstanceId: null });
    }

    [Fact]
    public void Containers_no_release_accounts_for_are_removed_and_a_stray_running_old_release_stopped()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1), Release("x", ReleasePhase.RolledBack, "b", 2)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true), new("cx", "x", false), new("c?", null, false)]);

        Assert.Contains(steps, s => s is StopInstance { Id: "ca" });
        Assert.Contains(steps, s => s is RemoveInstance { Id: "cx" });
        Assert.Contains(steps, s => s is RemoveInstance { Id: "c?" });
        Assert.DoesNotContain(steps, s => s is RestoreRelease);
    }

    [Fact]
    public void A_first_deploy_left_in_flight_leaves_nothing_running()
    {
        var steps = RecoveryPlanner.Plan(new ReleaseHistory([Release("a", ReleasePhase.Deploying, null, 0)]), [new("ca", "a", true)]);
        Assert.Equal(2, steps.Count);
        Assert.DoesNotContain(steps, s => s is RestoreRelease);
    }

    [Theory]
    [InlineData(ReleasePhase.Deploying, ReleasePhase.Failed)]
    [InlineData(ReleasePhase.RollingBack, ReleasePhase.RolledBack)]
    public void Recovery_returns_to_the_last_promoted_release_passing_over_an_unverified_one(ReleasePhase left, ReleasePhase settled)
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1), Release("c", left, "b", 2)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", false), new("cc", "c", true)]);

        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "c" } mark && mark.Phase == settled);
        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.PassedOver });
        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        var restore = Assert.Single(steps.OfType<RestoreRelease>());
        Assert.Equal(("a", "ca"), (restore.Release.ReleaseId, restore.ExistingInstanceId));
    }

    [Fact]
    public void An_abandoned_verification_is_rolled_back_to_the_last_promoted_release()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1), Release("c", ReleasePhase.Verifying, "b", 2)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cc", "c", true)], abandonedVerifications: new HashSet<string> { "c" });

        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.PassedOver });
        Assert.Contains(steps, s => s is RestoreRelease { Release.ReleaseId: "a", ExistingInstanceId: "ca" });
    }
}
