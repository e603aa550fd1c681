using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>Recovery behind a router: the current release gets the traffic back before anything is taken away.</summary>
public sealed class RoutedRecoveryPlannerTests
{
    [Fact]
    public void A_deploy_killed_after_the_switch_gives_the_traffic_back_before_the_new_release_leaves_the_router_and_its_container_goes()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Deploying, "a", 1)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true)],
            routerWeights: new Dictionary<string, int> { ["a"] = 0, ["b"] = 256 });

        var route = steps.FindIndex<RouteTraffic>(s => s.Release.ReleaseId == "a");
        var leave = steps.FindIndex<RemoveServer>(s => s.ReleaseId == "b");
        var remove = steps.FindIndex<RemoveInstance>(s => s.Id == "cb");
        Assert.True(route >= 0 && route < leave && leave < remove, string.Join("\n", steps));
        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.Failed });
        Assert.DoesNotContain(steps, s => s is RestoreRelease or StopInstance);
    }

    [Fact]
    public void A_deploy_killed_mid_canary_gives_the_stable_release_all_the_traffic_back_before_the_canary_leaves_the_router()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0),
            Release("b", ReleasePhase.Deploying, "a", 1) with { Strategy = Targets.ReleaseStrategy.Canary, CanaryStep = 3, CanaryWeight = 50 }]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true)],
            routerWeights: new Dictionary<string, int> { ["a"] = 256, ["b"] = 256 });

        var route = steps.FindIndex<RouteTraffic>(s => s.Release.ReleaseId == "a");
        var leave = steps.FindIndex<RemoveServer>(s => s.ReleaseId == "b");
        var remove = steps.FindIndex<RemoveInstance>(s => s.Id == "cb");
        Assert.True(route >= 0 && route < leave && leave < remove, string.Join("\n", steps));
        Assert.Contains(steps, s => s is MarkRelease { Release.ReleaseId: "b", Phase: ReleasePhase.Failed });
    }

    [Fact]
    public void A_deploy_killed_before_the_switch_leaves_the_serving_weights_alone_and_only_takes_the_new_server_out()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Deploying, "a", 1)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", true), new("cb", "b", true)],
            routerWeights: new Dictionary<string, int> { ["a"] = 256, ["b"] = 0 });

        Assert.DoesNotContain(steps, s => s is RouteTraffic);
        Assert.True(steps.FindIndex<RemoveServer>(s => s.ReleaseId == "b") < steps.FindIndex<RemoveInstance>(s => s.Id == "cb"));
    }

    [Fact]
    public void The_release_to_roll_back_to_stays_running_in_the_router_at_weight_0_until_the_promote()
    {
        var healthy = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1)]);
        var instances = new ObservedInstance[] { new("ca", "a", true), new("cb", "b", true) };
        var weights = new Dictionary<string, int> { ["a"] = 0, ["b"] = 256 };
        Assert.Empty(RecoveryPlanner.Plan(healthy, instances, routerWeights: weights));

        // Promoted: the previous release leaves the router and stops (its container stays for a later rollback).
        var promoted = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Promoted, "a", 1)]);
        var steps = RecoveryPlanner.Plan(promoted, instances, routerWeights: weights);
        Assert.True(steps.FindIndex<RemoveServer>(s => s.ReleaseId == "a") < steps.FindIndex<StopInstance>(s => s.Id == "ca"));

        // Without a router the same running previous release is stopped at once, as before.
        Assert.Contains(RecoveryPlanner.Plan(healthy, instances), s => s is StopInstance { Id: "ca" });
    }

    [Fact]
    public void A_current_release_whose_container_stopped_is_restored_then_routed()
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0)]);
        var steps = RecoveryPlanner.Plan(history, [new("ca", "a", false)], routerWeights: new Dictionary<string, int> { ["a"] = 256 });

        Assert.IsType<RestoreRelease>(steps[0]);
        Assert.IsType<RouteTraffic>(steps[1]);
    }

    [Fact]
    public void A_first_deploy_killed_behind_the_router_leaves_the_router_empty()
    {
        var steps = RecoveryPlanner.Plan(new ReleaseHistory([Release("a", ReleasePhase.Deploying, null, 0)]), [new("ca", "a", true)],
            routerWeights: new Dictionary<string, int> { ["a"] = 256 });

        Assert.IsType<RemoveServer>(steps[0]);
        Assert.DoesNotContain(steps, s => s is RouteTraffic or RestoreRelease);
    }

    [Theory]
    [InlineData(new int[0], 18101)]
    [InlineData(new[] { 18101 }, 18102)]
    [InlineData(new[] { 18102 }, 18101)]
    public void Each_release_behind_the_router_takes_the_release_port_the_running_ones_leave_free(int[] used, int expected) =>
        Assert.Equal(expected, DockerSlots.FreePort(18100, used.Select(p => (int?)p)));

    [Fact]
    public void Both_release_ports_held_is_refused()
    {
        var refused = Assert.Throws<DeployTargetException>(() => DockerSlots.FreePort(18100, [18101, 18102]));
        Assert.Equal(DeployErrorKind.PortInUse, refused.Kind);
    }

    [Theory]
    [InlineData("20261123T181500123-3fa9c2", true)]
    [InlineData("web1", false)]
    [InlineData("20261123T181500123-3fa9c2x", false)]
    public void Only_servers_named_by_a_release_id_are_the_release_s(string name, bool expected) =>
        Assert.Equal(expected, DockerRouting.IsReleaseServer(name));
}

internal static class StepSearch
{
    public static int FindIndex<T>(this IReadOnlyList<RecoveryStep> steps, Func<T, bool> match) where T : RecoveryStep
    {
        for (var i = 0; i < steps.Count; i++)
            if (steps[i] is T step && match(step)) return i;
        return -1;
    }
}
