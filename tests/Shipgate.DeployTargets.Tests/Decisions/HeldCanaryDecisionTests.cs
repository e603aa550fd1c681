using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>A canary held at a pause until approved: where it may stand in the steps, how it resumes, and what recovery does with it.</summary>
public sealed class HeldCanaryDecisionTests
{
    private static readonly Dictionary<string, int> Split = new() { ["a"] = 252, ["b"] = 28 };

    private static ReleaseHistory HeldBeside(string stablePhase = nameof(ReleasePhase.Promoted)) => new([
        Release("a", Enum.Parse<ReleasePhase>(stablePhase), null, 0),
        Release("b", ReleasePhase.Held, "a", 1) with { Strategy = ReleaseStrategy.Canary, CanaryStep = 2, CanaryWeight = 10 }]);

    [Fact]
    public void A_held_canary_is_current_and_recovery_leaves_it_and_the_stable_release_beside_it_alone()
    {
        var history = HeldBeside();
        Assert.Equal("b", history.Current!.ReleaseId);
        Assert.Empty(history.InFlight);

        Assert.Empty(RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true)], routerWeights: Split));
        // Beside an unpromoted stable release too: that one keeps its share, it is not the canary's rollback target only.
        Assert.Empty(RecoveryPlanner.Plan(HeldBeside(nameof(ReleasePhase.Healthy)), [new("ca", "a", true), new("cb", "b", true)], routerWeights: Split));
    }

    [Theory]
    [InlineData(false, 28)]
    [InlineData(true, 0)]
    public void A_held_canary_that_lost_its_container_or_its_share_is_rolled_back_and_the_stable_release_gets_all_the_traffic(bool running, int weight)
    {
        var steps = RecoveryPlanner.Plan(HeldBeside(), [new("ca", "a", true), new("cb", "b", running)],
            routerWeights: new Dictionary<string, int> { ["a"] = 252, ["b"] = weight });

        var route = steps.FindIndex<RouteTraffic>(s => s.Release.ReleaseId == "a");
        var leave = steps.FindIndex<RemoveServer>(s => s.ReleaseId == "b");
        var remove = steps.FindIndex<RemoveInstance>(s => s.Id == "cb");
        // The stable release gets all the traffic first, unless it has it already (the canary was at weight 0).
        Assert.True((weight == 0 ? route == -1 : route >= 0 && route < leave) && leave < remove, string.Join("\n", steps));
        var mark = Assert.Single(steps.OfType<MarkRelease>());
        Assert.Equal(("b", ReleasePhase.RolledBack), (mark.Release.ReleaseId, mark.Phase));
        Assert.Contains("held at step 2 (10%)", mark.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_until_approved_needs_traffic_to_hold_and_a_canary_below_all_of_it()
    {
        Assert.Null(CanaryPlan.Problem([new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved(), new CanaryStep.SetWeight(50), new CanaryStep.PauseUntilApproved()]));
        Assert.Equal("step 1: pause until approved before any setWeight: the canary has no traffic to hold",
            CanaryPlan.Problem([new CanaryStep.PauseUntilApproved()]));
        Assert.StartsWith("step 2: pause until approved after setWeight 100",
            CanaryPlan.Problem([new CanaryStep.SetWeight(100), new CanaryStep.PauseUntilApproved()]), StringComparison.Ordinal);
        Assert.True(CanaryPlan.AwaitsApproval([new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved()]));
        Assert.False(CanaryPlan.AwaitsApproval(CanaryPlan.Default));
        Assert.Equal("setWeight 10% → pause until approved → setWeight 100%",
            CanaryPlan.Describe(CanaryPlan.Complete([new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved()])));
    }

    [Fact]
    public void A_held_canary_resumes_only_where_the_steps_still_pause_until_approved()
    {
        IReadOnlyList<CanaryStep> steps = [new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved(), new CanaryStep.Analysis()];
        Assert.Null(CanaryPlan.ResumeProblem(steps, 2));
        Assert.Contains("held at step 1, which is not a pause until approved", CanaryPlan.ResumeProblem(steps, 1), StringComparison.Ordinal);
        Assert.NotNull(CanaryPlan.ResumeProblem(steps, 9));
        Assert.NotNull(CanaryPlan.ResumeProblem(CanaryPlan.Default, 2));
        Assert.NotNull(CanaryPlan.ResumeProblem(steps, null));
    }

    [Fact]
    public void The_held_phase_and_the_canary_approvals_survive_the_ledger_labels()
    {
        var held = HeldBeside().Current! with { CanaryApprovals = "step 2 at 10%: alice (GitHubEnvironmentReview)" };
        var read = LedgerLabels.TryParse(LedgerLabels.ToLabels(held, "ledger"), out var problem);
        Assert.Null(problem);
        Assert.Equal((ReleasePhase.Held, 2, 10.0, held.CanaryApprovals), (read!.Phase, read.CanaryStep, read.CanaryWeight, read.CanaryApprovals));
        Assert.True(ReleasePhase.Held.IsServing());
        Assert.False(ReleasePhase.Held.IsInFlight());
    }
}
