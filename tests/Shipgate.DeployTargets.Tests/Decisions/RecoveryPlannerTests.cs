using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class RecoveryPlannerTests
{
    [Fact]
    public void ConsistentState_NeedsNoSteps()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1)]);
        Assert.Empty(RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", true)]));
    }

    [Fact]
    public void DeployLeftInFlight_IsUndone_NewContainerRemovedPreviousStarted()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.Deploying, "a", 1)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false), new("cb", "b", false)]);

        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.Failed });
        var restore = Assert.Single(steps.OfType<RestoreRelease>());
        Assert.Equal(("a", "ca"), (restore.Release.ReleaseId, restore.ExistingInstanceId));
    }

    [Fact]
    public void RollbackLeftInFlight_IsFinished_AndMarkedRolledBackWithItsReason()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.RollingBack, "a", 1) with { Reason = "gate failed" }]);
        var steps = RecoveryPlanner.Plan(history, [new("cb", "b", true)]);

        Assert.Contains(steps, s => s is RemoveInstance { Id: "cb" });
        Assert.Contains(steps, s => s is MarkRelease { Phase: ReleasePhase.RolledBack, Reason: "gate failed" });
        // The previous container is gone: it is recreated from the ledger's digest.
        Assert.Contains(steps, s => s is RestoreRelease { Release.ReleaseId: "a", ExistingInstanceId: null });
    }

    [Fact]
    public void UnaccountedContainers_AreRemoved_AndAStrayRunningOldReleaseStopped()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1), Release("x", ReleasePhase.RolledBack, "b", 2)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true), new("cx", "x", false), new("c?", null, false)]);

        Assert.Contains(steps, s => s is StopInstance { Id: "ca" });
        Assert.Contains(steps, s => s is RemoveInstance { Id: "cx" });
        Assert.Contains(steps, s => s is RemoveInstance { Id: "c?" });
        Assert.DoesNotContain(steps, s => s is RestoreRelease);
    }

    [Fact]
    public void FirstDeployLeftInFlight_LeavesNothingRunning()
    {
        var steps = RecoveryPlanner.Plan(new ReleaseHistory([Release("a", ReleasePhase.Deploying, null, 0)]), [new("ca", "a", true)]);
        Assert.Equal(2, steps.Count);
        Assert.DoesNotContain(steps, s => s is RestoreRelease);
    }
}
