using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using static Shipgate.DeployTargets.Tests.Routing.RoutedDockerReleaseTests;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A deploying process SIGKILLed mid-switch behind a real HAProxy: users keep being answered with no command run (the
/// previous release still serves, or the new healthy one already does), and the next call's recovery puts the
/// previous release back through the router without a failed request.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedDockerKillTests(StackFixture stack)
{
    [Theory]
    [InlineData("started", "1.0.0")]
    [InlineData("added", "1.0.0")]
    [InlineData("switched", "2.0.0")]
    public async Task A_deploy_killed_mid_switch_leaves_a_release_answering_and_recovery_puts_the_previous_one_back(string phase, string servingAfterKill)
    {
        const int port = 18250;
        var v1 = await TestImages.BuildAndPushAsync(stack, "routed-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "routed-kill", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "routed-kill", port, ReleaseStrategy.AllAtOnce);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var killed = await ProbedAsync(routed, async () =>
        {
            using var helper = await DeployHelperProcess.StartPausedAtAsync("routed-kill", port, v2.Reference, "2.0.0", phase, "docker",
                "--router", routed.SocketPath, "allAtOnce");
            await helper.KillAsync();
            // No command: whatever the router does now, it does alone.
            await Task.Delay(TimeSpan.FromSeconds(2));
            return helper.Pid;
        });
        AssertNoFailure(killed.Probes, $"the kill at {phase} and the 2 s after", routed);
        Assert.Equal(servingAfterKill, killed.Probes[^1].Backend);

        var recovery = await ProbedAsync(routed, () => target.StatusAsync());
        AssertNoFailure(recovery.Probes, $"the recovery after the kill at {phase}", routed);
        Assert.Equal("1.0.0", recovery.Probes[^1].Backend);
        var status = recovery.Result;
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.DoesNotContain(status.History, r => r.Phase.IsInFlight());
        Assert.Contains(status.History, r => r is { Version: "2.0.0", Phase: ReleasePhase.Failed, Strategy: ReleaseStrategy.AllAtOnce });
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("routed-kill"));

        // The next deploy goes through behind the router.
        var next = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Force = true });
        Assert.Equal(ReleasePhase.Healthy, next.Phase);
        Assert.Equal("2.0.0", await TestImages.GetAsync(port, "version"));
    }
}
