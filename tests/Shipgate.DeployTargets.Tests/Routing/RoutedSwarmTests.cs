using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using Xunit.Abstractions;
using static Shipgate.DeployTargets.Tests.Routing.RoutedDockerReleaseTests;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// Swarm releases behind a real HAProxy on the real dockerd in swarm mode: each release is its own Swarm service whose
/// tasks are the router's servers (one per replica, on the service's port + a block of their own), with the prober of
/// <see cref="RoutedDockerReleaseTests"/> sending 100 requests/s through the frontend: no request may fail. What they
/// measure is written to the test output (docs/benchmarks.md, "Progressive delivery"), never asserted as a time.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedSwarmTests(StackFixture stack, ITestOutputHelper output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task An_allAtOnce_release_of_two_replicas_and_its_rollback_fail_no_request()
    {
        const int port = 18600;
        await stack.EnsureSwarmAsync();
        var v1 = await TestImages.BuildAndPushAsync(stack, "swrouted-all", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swrouted-all", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "swrouted-all", port, ReleaseStrategy.AllAtOnce);
        var target = new DockerSwarmTarget(routed.Swarm(replicas: 2));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal("1.0.0", await TestImages.GetAsync(port, "version"));

        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")));
        var second = release.Result;
        AssertNoFailure(release.Probes, "the allAtOnce Swarm release", routed);
        Measured("allAtOnce release (2 replicas)", release.Probes);
        Assert.Equal(("1.0.0", "2.0.0"), (release.Probes[0].Backend, release.Probes[^1].Backend));
        Assert.Equal((ReleasePhase.Healthy, ReleaseStrategy.AllAtOnce, RouterStep.Drained), (second.Phase, second.Record.Strategy, second.Record.RouterStep));
        // One server per task, each on its own port; the previous release drained but kept at weight 0 until the promote.
        Assert.Equal([$"{first.ReleaseId}.1:18601:0", $"{first.ReleaseId}.2:18602:0", $"{second.ReleaseId}.1:18603:256", $"{second.ReleaseId}.2:18604:256"],
            Servers(await routed.StateAsync()));
        // Each task reports its own port (what the monitoring scrapes behind a router).
        Assert.Equal([("running", (int?)18603), ("running", 18604)], second.Instances.Select(i => (i.State, i.Port)).Order());

        var rollback = await ProbedAsync(routed, () => target.RollbackAsync(new RollbackRequest("tests: roll back") { ExpectedReleaseId = second.ReleaseId }));
        AssertNoFailure(rollback.Probes, "the Swarm rollback", routed);
        Measured("allAtOnce rollback (a switch back)", rollback.Probes);
        Assert.Equal(("2.0.0", "1.0.0"), (rollback.Probes[0].Backend, rollback.Probes[^1].Backend));
        Assert.Equal(first.ReleaseId, rollback.Result.ReleaseId);
        Assert.Equal([$"{first.ReleaseId}.1:18601:256", $"{first.ReleaseId}.2:18602:256"], Servers(await routed.StateAsync()));
        Assert.Equal([ServiceOf(routed, first.ReleaseId)], await ServicesAsync("swrouted-all"));
        await stack.ForgetServiceAsync("swrouted-all", "test");
    }

    [Fact]
    public async Task A_blueGreen_release_is_previewed_on_its_own_tasks_then_switched_and_after_the_promote_a_rollback_recreates_the_previous_service()
    {
        const int port = 18610;
        await stack.EnsureSwarmAsync();
        var v1 = await TestImages.BuildAndPushAsync(stack, "swrouted-bg", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swrouted-bg", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "swrouted-bg", port, ReleaseStrategy.BlueGreen);
        var target = new DockerSwarmTarget(routed.Swarm(replicas: 2));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        // At the preview the new version answers on its tasks' ports while the router still sends everything to the old one.
        var seenAtPreview = new List<string>();
        target.PhaseReached += phase =>
        {
            if (phase != "previewed") return;
            seenAtPreview.Add(string.Join(",", routed.Router.ReadStateAsync(routed.Backend).GetAwaiter().GetResult().Servers.OrderBy(s => s.Port).Select(s => $"{s.Port}:{s.Weight}")));
            seenAtPreview.Add(TestImages.GetAsync(port + 3, "version").GetAwaiter().GetResult());
            seenAtPreview.Add(TestImages.GetAsync(port + 4, "version").GetAwaiter().GetResult());
            seenAtPreview.Add(TestImages.GetAsync(port, "version").GetAwaiter().GetResult());
        };
        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")));
        AssertNoFailure(release.Probes, "the blue-green Swarm release", routed);
        Measured("blueGreen release (2 replicas)", release.Probes);
        Assert.Equal(["18611:256,18612:256,18613:0,18614:0", "2.0.0", "2.0.0", "1.0.0"], seenAtPreview);
        Assert.Equal((ReleaseStrategy.BlueGreen, RouterStep.Drained), (release.Result.Record.Strategy, release.Result.Record.RouterStep));

        // Promoted: the previous release is drained out of the router and its service removed.
        await target.PromoteAsync(new PromoteRequest("tests", "Pass") { ReleaseId = release.Result.ReleaseId });
        Assert.Equal([$"{release.Result.ReleaseId}.1:18613:256", $"{release.Result.ReleaseId}.2:18614:256"], Servers(await routed.StateAsync()));
        Assert.Equal([ServiceOf(routed, release.Result.ReleaseId)], await ServicesAsync("swrouted-bg"));

        // Its rollback recreates the previous release's service from the ledger, then switches, with no failed request.
        var rollback = await ProbedAsync(routed, () => target.RollbackAsync(new RollbackRequest("tests: back after the promote")));
        AssertNoFailure(rollback.Probes, "the rollback that recreates the previous service", routed);
        Measured("rollback after the promote (the previous service recreated)", rollback.Probes);
        Assert.Equal(("2.0.0", "1.0.0"), (rollback.Probes[0].Backend, rollback.Probes[^1].Backend));
        Assert.Equal(first.ReleaseId, (await target.StatusAsync()).Current?.ReleaseId);
        Assert.Equal([ServiceOf(routed, first.ReleaseId)], await ServicesAsync("swrouted-bg"));
        await stack.ForgetServiceAsync("swrouted-bg", "test");
    }

    [Fact]
    public async Task A_canary_of_one_replica_beside_three_stable_ones_gets_about_10_percent_and_a_failed_analysis_sets_it_to_weight_0_then_removes_its_service()
    {
        const int port = 18620;
        await stack.EnsureSwarmAsync();
        var v1 = await TestImages.BuildAndPushAsync(stack, "swrouted-canary", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swrouted-canary", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "swrouted-canary", port, ReleaseStrategy.Canary);
        var first = await new DockerSwarmTarget(routed.Swarm(replicas: 3)).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        var options = routed.Swarm(replicas: 1);
        var target = new DockerSwarmTarget(options with
        {
            Router = options.Router! with { CanarySteps = [new CanaryStep.SetWeight(10), new CanaryStep.Analysis(), new CanaryStep.SetWeight(100)] },
        });

        // The analysis: requests through the frontend, counted per release by HAProxy itself (each server's stot), then Fail.
        var counted = new Dictionary<string, long>();
        long verdictAt = 0;
        var toWeight0 = TimeSpan.Zero;
        CanaryAnalysis analyse = async (context, ct) =>
        {
            var before = await routed.StateAsync();
            await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                for (var i = 0; i < 60; i++)
                    (await Http.GetAsync(routed.Frontend("version"), ct)).EnsureSuccessStatusCode();
            }));
            foreach (var server in (await routed.StateAsync()).Servers)
            {
                var release = ReleaseServers.ReleaseOf(server.Name)!;
                counted[release] = counted.GetValueOrDefault(release) + server.TotalSessions - (before.Find(server.Name)?.TotalSessions ?? 0);
            }
            verdictAt = System.Diagnostics.Stopwatch.GetTimestamp();
            return new CanaryVerdict(false, "Fail", "tests: the canary must go");
        };
        // When the canary is taken out, before anything else: weight 0 while its service still runs.
        BackendState? atStop = null;
        var servicesAtStop = new List<string>();
        target.PhaseReached += phase =>
        {
            if (phase != "canary-stopped") return;
            toWeight0 = System.Diagnostics.Stopwatch.GetElapsedTime(verdictAt);
            atStop = routed.Router.ReadStateAsync(routed.Backend).GetAwaiter().GetResult();
            servicesAtStop.AddRange(ServicesAsync("swrouted-canary").GetAwaiter().GetResult());
        };

        var failed = await Assert.ThrowsAsync<DeployTargetException>(() =>
            target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Analyse = analyse }));

        Assert.Equal(DeployErrorKind.CanaryFailed, failed.Kind);
        var canaryId = Assert.Single(counted.Keys, id => id != first.ReleaseId);
        var share = (double)counted[canaryId] / counted.Values.Sum();
        // 10 % of the traffic for the canary's one task against 90 % over the stable release's three: weights 1 : 3 : 3 : 3.
        output.WriteLine($"canary at 10 %, 1 replica beside 3: {counted[canaryId]} of {counted.Values.Sum()} requests ({share:P1}); failed verdict to weight 0: {toWeight0.TotalMilliseconds:0} ms");
        Assert.True(share is > 0.07 and < 0.13, $"the canary got {share:P1} of {counted.Values.Sum()} requests: {string.Join(", ", counted)}");
        Assert.NotNull(atStop);
        Assert.Equal((0, 18624), (atStop.Find(canaryId)!.Weight, atStop.Find(canaryId)!.Port));
        Assert.All(atStop.Servers.Where(server => server.Name != canaryId), server => Assert.True(server.Weight > 0, $"{server.Name} at weight {server.Weight}"));
        Assert.Equal([ServiceOf(routed, first.ReleaseId), ServiceOf(routed, canaryId)], servicesAtStop);
        // The stable release keeps its weights of the 10 % step; the canary has left the backend, then its service went.
        Assert.Equal([$"{first.ReleaseId}.1:18621", $"{first.ReleaseId}.2:18622", $"{first.ReleaseId}.3:18623"],
            (await routed.StateAsync()).Servers.OrderBy(s => s.Port).Select(s => $"{s.Name}:{s.Port}"));
        Assert.Equal([ServiceOf(routed, first.ReleaseId)], await ServicesAsync("swrouted-canary"));
        Assert.Equal("1.0.0", await TestImages.GetAsync(port, "version"));
        var status = await new DockerSwarmTarget(routed.Swarm(replicas: 3)).StatusAsync();
        Assert.Contains(status.History, r => r is { Version: "2.0.0", Phase: ReleasePhase.RolledBack, CanaryWeight: 0 });
        await stack.ForgetServiceAsync("swrouted-canary", "test");

    }

    [Fact]
    public async Task A_deploy_killed_mid_canary_is_undone_by_the_next_call_with_no_failed_request()
    {
        const int port = 18630;
        await stack.EnsureSwarmAsync();
        var v1 = await TestImages.BuildAndPushAsync(stack, "swrouted-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swrouted-kill", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "swrouted-kill", port, ReleaseStrategy.Canary);
        var target = new DockerSwarmTarget(routed.Swarm(replicas: 2));
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var killed = await ProbedAsync(routed, async () =>
        {
            using var helper = await DeployHelperProcess.StartPausedAtAsync("swrouted-kill", port, v2.Reference, "2.0.0", "canary-10", "swarm",
                "--router", routed.SocketPath, "canary", "--replicas", "2");
            await helper.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            return await routed.StateAsync();
        });
        AssertNoFailure(killed.Probes, "the kill mid-canary and the 2 s after", routed);
        // Killed at 10 %: both versions answer (all four tasks get some traffic) until someone comes back.
        Assert.Contains(killed.Probes, p => p.Backend == "2.0.0");
        Assert.Equal(4, killed.Result.Servers.Count(s => s.Weight > 0));

        var recovery = await ProbedAsync(routed, () => target.StatusAsync());
        AssertNoFailure(recovery.Probes, "the recovery after the kill mid-canary", routed);
        Measured("SIGKILL at the canary's 10 % and the 2 s after", killed.Probes);
        Measured("the next call's recovery", recovery.Probes);
        Assert.Equal("1.0.0", recovery.Probes[^1].Backend);
        Assert.Equal(first.ReleaseId, recovery.Result.Current?.ReleaseId);
        Assert.Contains(recovery.Result.History, r => r is { Version: "2.0.0", Phase: ReleasePhase.Failed, Strategy: ReleaseStrategy.Canary, CanaryWeight: 10 });
        Assert.Equal([$"{first.ReleaseId}.1:18631:256", $"{first.ReleaseId}.2:18632:256"], Servers(await routed.StateAsync()));
        Assert.Equal([ServiceOf(routed, first.ReleaseId)], await ServicesAsync("swrouted-kill"));
        await stack.ForgetServiceAsync("swrouted-kill", "test");
    }

    [Fact]
    public async Task A_canary_held_until_approved_keeps_its_share_over_its_tasks_and_resumes_to_all_the_traffic()
    {
        const int port = 18640;
        await stack.EnsureSwarmAsync();
        var v1 = await TestImages.BuildAndPushAsync(stack, "swrouted-held", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swrouted-held", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "swrouted-held", port, ReleaseStrategy.Canary);
        var options = routed.Swarm(replicas: 2);
        options = options with { Router = options.Router! with { CanarySteps = [new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved(), new CanaryStep.SetWeight(100)] } };
        var first = await new DockerSwarmTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var held = await new DockerSwarmTarget(options).DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));

        // The deploy returned at the pause: 10 % over the canary's two tasks, 90 % over the stable release's two.
        Assert.Equal((ReleasePhase.Held, 2, 10.0), (held.Phase, held.Record.CanaryStep, held.Record.CanaryWeight));
        var state = await routed.StateAsync();
        var weights = state.Servers.OrderBy(s => s.Port).Select(s => s.Weight).ToList();
        Assert.Equal(4, weights.Count);
        Assert.Equal((weights[0], weights[2]), (weights[1], weights[3]));
        Assert.InRange(weights[2] * 100.0 / weights.Sum() * 2, 9, 11);
        var later = new DockerSwarmTarget(options);
        Assert.Equal(DeployErrorKind.WrongPhase,
            (await Assert.ThrowsAsync<DeployTargetException>(() => later.DeployAsync(new DeployRequest(v1.Reference, "1.0.1", "c3", "tests") { Force = true }))).Kind);

        var resumed = await ProbedAsync(routed, () => later.ResumeCanaryAsync(new ResumeRequest("alice (CommandLineFlag)") { ReleaseId = held.ReleaseId }));

        AssertNoFailure(resumed.Probes, "the Swarm canary's resume to all the traffic", routed);
        Measured("resume of a held canary (2 + 2 tasks) to all the traffic", resumed.Probes);
        Assert.Equal("2.0.0", resumed.Probes[^1].Backend);
        Assert.Equal((ReleasePhase.Healthy, 3, 100.0), (resumed.Result.Phase, resumed.Result.Record.CanaryStep, resumed.Result.Record.CanaryWeight));
        Assert.Equal([$"{first.ReleaseId}.1:18641:0", $"{first.ReleaseId}.2:18642:0", $"{held.ReleaseId}.1:18643:256", $"{held.ReleaseId}.2:18644:256"],
            Servers(await routed.StateAsync()));
        Assert.Equal("step 2 at 10%: alice (CommandLineFlag)", (await later.StatusAsync()).History.Single(r => r.ReleaseId == held.ReleaseId).CanaryApprovals);
        await stack.ForgetServiceAsync("swrouted-held", "test");
    }

    private void Measured(string what, IReadOnlyList<Probe> probes) =>
        output.WriteLine($"{what}: {probes.Count(p => p.Failed)} failed of {probes.Count} requests over {(probes[^1].Sent - probes[0].Sent).TotalSeconds:0.0} s");

    private static List<string> Servers(BackendState state) =>
        state.Servers.OrderBy(s => s.Port).Select(s => $"{s.Name}:{s.Port}:{s.Weight}").ToList();

    private static string ServiceOf(RoutedDockerStack routed, string releaseId) => $"{routed.Options.Service}-test-{releaseId.ToLowerInvariant()}";

    /// <summary>The Swarm services labelled with the test service, by name.</summary>
    private async Task<List<string>> ServicesAsync(string service)
    {
        using var client = stack.Engine.CreateClient();
        var services = await client.Swarm.ListServicesAsync(new Docker.DotNet.Models.ServicesListParameters());
        return services.Where(s => s.Spec.Labels.Label(LedgerLabels.Service) == service).Select(s => s.Spec.Name).Order(StringComparer.Ordinal).ToList();
    }
}
