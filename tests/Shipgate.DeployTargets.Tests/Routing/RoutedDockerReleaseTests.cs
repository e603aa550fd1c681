using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// Docker releases behind a real HAProxy on a real dockerd, with a prober sending 100 requests/s through the router's
/// frontend (the service's port) all along: no request may fail. A slow answer is not a failure: the test service
/// (busybox httpd, a process per request) answers in seconds on a machine loaded by parallel builds, with or without
/// a router, so the prober waits up to 30 s for each.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedDockerReleaseTests(StackFixture stack)
{
    private const double Rate = 100;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_allAtOnce_release_and_its_rollback_fail_no_request()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "routed-all", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "routed-all", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "routed-all", 18200, ReleaseStrategy.AllAtOnce);
        var target = Observed(new DockerTarget(routed.Options));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal("1.0.0", await TestImages.GetAsync(18200, "version"));

        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")));
        var second = release.Result;
        AssertNoFailure(release.Probes, "the allAtOnce release", routed);
        Assert.Equal(("1.0.0", "2.0.0"), (release.Probes[0].Backend, release.Probes[^1].Backend));
        Assert.Equal((ReleasePhase.Healthy, ReleaseStrategy.AllAtOnce, RouterStep.Drained), (second.Phase, second.Record.Strategy, second.Record.RouterStep));
        // Each release on its own port; the previous one drained but kept in the router at weight 0 until the promote.
        var state = await routed.StateAsync();
        Assert.Equal((0, 18201), (state.Find(first.ReleaseId)!.Weight, state.Find(first.ReleaseId)!.Port));
        Assert.Equal((256, 18202), (state.Find(second.ReleaseId)!.Weight, state.Find(second.ReleaseId)!.Port));

        var rollback = await ProbedAsync(routed, () => target.RollbackAsync(new RollbackRequest("tests: roll back") { ExpectedReleaseId = second.ReleaseId }));
        AssertNoFailure(rollback.Probes, "the rollback", routed);
        Assert.Equal(("2.0.0", "1.0.0"), (rollback.Probes[0].Backend, rollback.Probes[^1].Backend));
        Assert.Equal(first.ReleaseId, rollback.Result.ReleaseId);
        Assert.Null((await routed.StateAsync()).Find(second.ReleaseId));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("routed-all"));
    }

    [Fact]
    public async Task A_blueGreen_release_is_previewed_at_weight_0_then_switched_and_its_rollback_is_a_switch_back()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "routed-bg", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "routed-bg", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "routed-bg", 18210, ReleaseStrategy.BlueGreen);
        var target = Observed(new DockerTarget(routed.Options));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        var oldContainer = Assert.Single(first.Instances).Id;

        // At the preview the new version answers on its own port while the router still sends everything to the old one.
        var seenAtPreview = new List<string>();
        target.PhaseReached += phase =>
        {
            if (phase != "previewed") return;
            var state = routed.Router.ReadStateAsync(routed.Backend).GetAwaiter().GetResult();
            seenAtPreview.Add(string.Join(",", state.Servers.OrderBy(s => s.Port).Select(s => $"{s.Port}:{s.Weight}")));
            seenAtPreview.Add(TestImages.GetAsync(18212, "version").GetAwaiter().GetResult());
            seenAtPreview.Add(TestImages.GetAsync(18210, "version").GetAwaiter().GetResult());
        };
        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")));
        AssertNoFailure(release.Probes, "the blue-green release", routed);
        Assert.Equal(["18211:256,18212:0", "2.0.0", "1.0.0"], seenAtPreview);
        Assert.Equal(RouterStep.Drained, release.Result.Record.RouterStep);
        Assert.Equal(ReleaseStrategy.BlueGreen, release.Result.Record.Strategy);

        var rollback = await ProbedAsync(routed, () => target.RollbackAsync(new RollbackRequest("tests: switch back")));
        AssertNoFailure(rollback.Probes, "the blue-green rollback", routed);
        Assert.Equal(("2.0.0", "1.0.0"), (rollback.Probes[0].Backend, rollback.Probes[^1].Backend));
        // A switch back: the old container served again as it was, neither recreated nor restarted.
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current!.ReleaseId);
        Assert.Equal(oldContainer, Assert.Single(status.Current.Instances).Id);
        Assert.Equal(0, status.Current.Restarts);
    }

    [Fact]
    public async Task Promote_drains_the_previous_release_out_of_the_router_and_stops_it()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "routed-promote", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "routed-promote", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "routed-promote", 18220, ReleaseStrategy.AllAtOnce);
        var target = Observed(new DockerTarget(routed.Options));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));

        await target.PromoteAsync(new PromoteRequest("tests", "Pass") { ReleaseId = second.ReleaseId });

        var state = await routed.StateAsync();
        Assert.Equal([second.ReleaseId], state.Servers.Select(s => s.Name));
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Previous?.ReleaseId);
        Assert.Empty(status.Recovered);
        Assert.Equal("2.0.0", await TestImages.GetAsync(18220, "version"));
    }

    [Fact]
    public async Task An_unhealthy_new_version_never_reaches_the_router_and_the_previous_keeps_serving()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "routed-bad", "1.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "routed-bad", "2.0.0", TestServiceKind.Unhealthy);
        await using var routed = await RoutedDockerStack.StartAsync(stack, "routed-bad", 18230, ReleaseStrategy.AllAtOnce);
        var target = Observed(new DockerTarget(routed.Options));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var refused = await ProbedAsync(routed, async () => await Assert.ThrowsAsync<DeployTargetException>(
            () => target.DeployAsync(new DeployRequest(bad.Reference, "2.0.0", "c2", "tests"))));

        Assert.Equal(DeployErrorKind.Unhealthy, refused.Result.Kind);
        Assert.Contains("keeps the traffic", refused.Result.Message, StringComparison.Ordinal);
        AssertNoFailure(refused.Probes, "the refused release", routed);
        Assert.All(refused.Probes, p => Assert.Equal("1.0.0", p.Backend));
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
    }

    /// <summary>Runs the action under the prober (with a quiet moment before and after) and returns its result and every probe.</summary>
    internal static async Task<(T Result, IReadOnlyList<Probe> Probes)> ProbedAsync<T>(RoutedDockerStack routed, Func<Task<T>> action)
    {
        await using var prober = Prober.Start(routed.Frontend("version"), Rate, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
        await Task.Delay(Settle);
        var result = await action();
        await Task.Delay(Settle);
        return (result, await prober.StopAsync());
    }

    internal static void AssertNoFailure(IReadOnlyList<Probe> probes, string during, RoutedDockerStack routed)
    {
        Assert.True(probes.Count >= Rate * Settle.TotalSeconds * 2 * 0.8, $"only {probes.Count} probes during {during}");
        var failed = probes.Where(p => p.Failed).ToList();
        var start = probes.Count == 0 ? TimeSpan.Zero : probes[0].Sent;
        Assert.True(failed.Count == 0, $"{failed.Count} of {probes.Count} requests failed during {during}, sent from {Ms(failed.FirstOrDefault())} to " +
            $"{Ms(failed.LastOrDefault())} ms after the first probe (phases: {string.Join(", ", Phases.Where(p => p.At >= start - TimeSpan.FromSeconds(2)).Select(p => $"{p.Phase} {(p.At - start).TotalMilliseconds:0}"))}): " +
            string.Join("; ", failed.Take(5).Select(p => p.Error)) + "\nHAProxy:\n" + routed.Unusual);

        string Ms(Probe? p) => p is null ? "-" : (p.Sent - start).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>When each deploy phase was reached, on the prober's clock (for the failure messages).</summary>
    private static readonly List<(string Phase, TimeSpan At)> Phases = [];

    private static DockerTarget Observed(DockerTarget target)
    {
        target.PhaseReached += phase =>
        {
            lock (Phases) Phases.Add((phase, Prober.Now));
        };
        return target;
    }
}
