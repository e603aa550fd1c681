using System.Diagnostics;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using static Shipgate.DeployTargets.Tests.Routing.RoutedDockerReleaseTests;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// Canary releases with a concurrent baseline (a fresh container of the stable image at the canary's weight) behind a
/// real HAProxy on a real dockerd, with a prober sending 100 requests/s through the router all along. The analysis
/// compares the canary with the baseline on their own ports (<see cref="BaselineComparison"/>).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedDockerBaselineTests(StackFixture stack)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_concurrent_baseline_serves_at_the_canarys_weight_during_the_analyses_and_is_gone_after_the_canary_takes_all_the_traffic()
    {
        const int port = 18440;
        var v1 = await TestImages.BuildAndPushAsync(stack, "baseline-ok", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "baseline-ok", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "baseline-ok", port, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options with { Router = routed.Options.Router! with { CanaryBaseline = CanaryBaseline.Concurrent } });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var seen = new List<string>();
        var labels = new List<string>();
        var comparison = new BaselineComparison(requests: 30);
        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")
        {
            Analyse = async (context, ct) =>
            {
                // What the users' traffic did while the analysis ran: requests per server over two seconds.
                var before = await routed.StateAsync();
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                var after = await routed.StateAsync();
                var baseline = Assert.Single(after.Servers, s => s.Name != first.ReleaseId && s.Name != context.Canary.ReleaseId);
                long Served(string server) => after.Find(server)!.TotalSessions - (before.Find(server)?.TotalSessions ?? 0);
                // Its version label is the stable's, told apart by the end of its own id (its server's name).
                Assert.Equal($"1.0.0-baseline-{baseline.Name[^6..]}", context.BaselineVersion);
                labels.Add(context.BaselineVersion!);
                seen.Add($"{context.Step}:{context.Percent}:{after.Find(context.Canary.ReleaseId)!.Weight}/{baseline.Weight}:{baseline.Port}:{context.BaselinePort}");
                Assert.True(Served(baseline.Name) > 0 && Served(context.Canary.ReleaseId) > 0,
                    $"step {context.Step}: the baseline served {Served(baseline.Name)}, the canary {Served(context.Canary.ReleaseId)} requests in 2 s");
                var ratio = (double)Served(baseline.Name) / Served(context.Canary.ReleaseId);
                Assert.True(ratio is > 0.4 and < 2.5, $"step {context.Step}: the baseline served {Served(baseline.Name)} requests, the canary {Served(context.Canary.ReleaseId)}");
                // The baseline runs the stable image on its own port.
                Assert.Equal("1.0.0", (await Http.GetStringAsync(new Uri($"http://127.0.0.1:{context.BaselinePort}/version"), ct)).Trim());
                return await comparison.RunAsync(context, ct);
            },
        }));

        AssertNoFailure(release.Probes, "the canary with a concurrent baseline", routed);
        Assert.Equal(("1.0.0", "2.0.0"), (release.Probes[0].Backend, release.Probes[^1].Backend));
        // At each analysis the baseline has the canary's weight, on the port after the releases' two, under its own version label.
        Assert.Equal([$"2:10:{Weight(10)}/{Weight(10)}:{port + 3}:{port + 3}", $"4:50:256/256:{port + 3}:{port + 3}"], seen);
        Assert.Single(labels.Distinct());
        var record = release.Result.Record;
        Assert.Equal((ReleasePhase.Healthy, 5, 100.0), (record.Phase, record.CanaryStep, record.CanaryWeight));
        Assert.Equal($"step 2 at 10% against {labels[0]}: Pass; step 4 at 50% against {labels[0]}: Pass", record.CanaryAnalyses);
        // The baseline is gone: out of the backend, its container removed; the stable release is kept warm at weight 0.
        Assert.Equal([(first.ReleaseId, 0), (release.Result.ReleaseId, 256)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)).Order());
        Assert.Equal(2, await new ContainerCount(stack).OfAsync("baseline-ok"));
        Assert.Equal(record.CanaryAnalyses, (await target.StatusAsync()).Current!.Record.CanaryAnalyses);
    }

    [Fact]
    public async Task A_canary_worse_than_its_baseline_is_taken_out_first_then_the_baseline_goes_and_the_stable_release_serves()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "baseline-bad", "1.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "baseline-bad", "2.0.0", TestServiceKind.Faulty);
        await using var routed = await RoutedDockerStack.StartAsync(stack, "baseline-bad", 18450, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options with { Router = routed.Options.Router! with { CanaryBaseline = CanaryBaseline.Concurrent } });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        // When the canary is at weight 0, the baseline is still in the backend at its share: it goes after.
        string? atStop = null;
        target.PhaseReached += phase =>
        {
            if (phase == "canary-stopped")
                atStop = string.Join(",", routed.StateAsync().GetAwaiter().GetResult().Servers.Select(s => s.Weight > 0 ? "serving" : "0"));
        };
        var comparison = new BaselineComparison(requests: 50);
        var refused = await ProbedAsync(routed, async () => await Assert.ThrowsAsync<DeployTargetException>(
            () => target.DeployAsync(new DeployRequest(bad.Reference, "2.0.0", "c2", "tests") { Analyse = comparison.RunAsync })));

        Assert.Equal(DeployErrorKind.CanaryFailed, refused.Result.Kind);
        Assert.Contains("step 2 (10% of the traffic) did not pass", refused.Result.Message, StringComparison.Ordinal);
        AssertNoFailure(refused.Probes, "the failed canary with a concurrent baseline", routed);
        Assert.Equal("1.0.0", refused.Probes[^1].Backend);
        // Servers in the order they were added: stable, canary, baseline.
        Assert.Equal("serving,0,serving", atStop);

        var status = await target.StatusAsync();
        Assert.Empty(status.Recovered);
        Assert.Equal(first.ReleaseId, status.Current!.ReleaseId);
        var canary = Assert.Single(status.History, r => r.Version == "2.0.0");
        Assert.Matches("^step 2 at 10% against 1.0.0-baseline-[0-9a-f]{6}: Fail", canary.CanaryAnalyses);
        Assert.Equal([(first.ReleaseId, 256)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("baseline-bad"));
    }

    [Fact]
    public async Task A_deploy_killed_mid_canary_with_a_baseline_is_undone_by_the_next_call_baseline_included()
    {
        const int port = 18460;
        var v1 = await TestImages.BuildAndPushAsync(stack, "baseline-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "baseline-kill", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "baseline-kill", port, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var killed = await ProbedAsync(routed, async () =>
        {
            using var helper = await DeployHelperProcess.StartPausedAtAsync("baseline-kill", port, v2.Reference, "2.0.0", "canary-10", "docker",
                "--router", routed.SocketPath, "canary", "--baseline");
            await helper.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            return await routed.StateAsync();
        });
        AssertNoFailure(killed.Probes, "the kill mid-canary with a baseline and the 2 s after", routed);
        // Killed at 10 %: stable, canary and baseline all serve until someone comes back.
        Assert.Equal(3, killed.Result.Servers.Count(s => s.Weight > 0));
        Assert.Contains(killed.Result.Servers, s => s.Port == port + 3);
        Assert.Equal(3, await new ContainerCount(stack).OfAsync("baseline-kill"));

        var recovery = await ProbedAsync(routed, () => target.StatusAsync());
        AssertNoFailure(recovery.Probes, "the recovery after the kill mid-canary with a baseline", routed);
        Assert.Equal("1.0.0", recovery.Probes[^1].Backend);
        Assert.Equal(first.ReleaseId, recovery.Result.Current?.ReleaseId);
        Assert.Contains(recovery.Result.History, r => r is { Version: "2.0.0", Phase: ReleasePhase.Failed, CanaryWeight: 10 });
        Assert.Equal([(first.ReleaseId, 256)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("baseline-kill"));
    }

    [Fact]
    public async Task A_canary_held_until_approved_gives_the_baselines_share_back_and_a_resume_starts_a_new_baseline()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "baseline-held", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "baseline-held", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "baseline-held", 18470, ReleaseStrategy.Canary);
        var options = routed.Options with
        {
            Router = routed.Options.Router! with
            {
                CanaryBaseline = CanaryBaseline.Concurrent,
                CanarySteps = [new CanaryStep.SetWeight(10), new CanaryStep.Analysis(), new CanaryStep.PauseUntilApproved(), new CanaryStep.Analysis()],
            },
        };
        var first = await new DockerTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        var baselines = new List<string>();
        Task<CanaryVerdict> Analyse(CanaryAnalysisContext context, CancellationToken ct)
        {
            baselines.Add($"{context.Step}:{context.BaselineVersion}:{routed.StateAsync().GetAwaiter().GetResult().Servers.Count(s => s.Weight > 0)}");
            return Task.FromResult(new CanaryVerdict(true, "Pass", "the test's analysis"));
        }

        var held = await ProbedAsync(routed, () => new DockerTarget(options).DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Analyse = Analyse }));

        // Held at 10 %: the baseline's share went back to the stable release and the baseline is gone (nobody analyses now).
        AssertNoFailure(held.Probes, "the canary with a baseline up to the hold", routed);
        Assert.Equal(ReleasePhase.Held, held.Result.Phase);
        Assert.Equal([(first.ReleaseId, 252), (held.Result.ReleaseId, 28)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)).Order());
        Assert.Equal(2, await new ContainerCount(stack).OfAsync("baseline-held"));

        var resumed = await ProbedAsync(routed, () => new DockerTarget(options).ResumeCanaryAsync(new ResumeRequest("alice")
        {
            ReleaseId = held.Result.ReleaseId,
            Analyse = Analyse,
        }));

        // The resumed analysis has a baseline of its own again: serving beside canary and stable, under a new label.
        AssertNoFailure(resumed.Probes, "the resume with a new baseline", routed);
        Assert.Equal(2, baselines.Count);
        Assert.Matches(@"^2:1\.0\.0-baseline-[0-9a-f]{6}:3$", baselines[0]);
        Assert.Matches(@"^4:1\.0\.0-baseline-[0-9a-f]{6}:3$", baselines[1]);
        Assert.NotEqual(baselines[0][2..], baselines[1][2..]);
        Assert.Equal(ReleasePhase.Healthy, resumed.Result.Phase);
        Assert.Equal([(first.ReleaseId, 0), (resumed.Result.ReleaseId, 256)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)).Order());
        Assert.Equal(2, await new ContainerCount(stack).OfAsync("baseline-held"));
    }

    [Fact]
    public async Task A_deploy_killed_as_it_holds_a_canary_with_a_baseline_leaves_no_baseline_serving_and_the_hold_intact()
    {
        const int port = 18520;
        var v1 = await TestImages.BuildAndPushAsync(stack, "baseline-held-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "baseline-held-kill", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "baseline-held-kill", port, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        // Killed once the hold is recorded, before the baseline's server and container are removed.
        var killed = await ProbedAsync(routed, async () =>
        {
            using var helper = await DeployHelperProcess.StartPausedAtAsync("baseline-held-kill", port, v2.Reference, "2.0.0", "canary-held", "docker",
                "--router", routed.SocketPath, "canary", "--baseline", "--held");
            await helper.KillAsync();
            return await routed.StateAsync();
        });
        AssertNoFailure(killed.Probes, "the kill as the canary with a baseline is held", routed);
        // The baseline's share went back to the stable release before the hold was recorded: 10 % canary, 90 % stable.
        Assert.Equal([252, 28, 0], killed.Result.Servers.Select(s => s.Weight));
        Assert.Equal(port + 3, killed.Result.Servers[2].Port);

        var recovery = await ProbedAsync(routed, () => target.StatusAsync());
        AssertNoFailure(recovery.Probes, "the recovery of the held canary's baseline", routed);
        Assert.Equal(ReleasePhase.Held, recovery.Result.Current!.Phase);
        var canary = recovery.Result.Current.ReleaseId;
        Assert.Equal([(first.ReleaseId, 252), (canary, 28)], (await routed.StateAsync()).Servers.Select(s => (s.Name, s.Weight)).Order());
        Assert.Equal(2, await new ContainerCount(stack).OfAsync("baseline-held-kill"));
    }

    /// <summary>The weight the canary (and the baseline) get at a percent beside the stable release, with the router's range.</summary>
    private static int Weight(double percent) =>
        WeightPlanner.Plan(CanaryStepSplit.For(percent, ["s"], ["c"], ["b"]), 256).Weights["c"];
}

/// <summary>
/// A real analysis against a concurrent baseline for the tests: GETs of /cgi-bin/version sent in turn to the canary's
/// and the baseline's own ports; the canary fails when it has more than 1 in 20 errors more than the baseline (a
/// faulty release fails 1 in 5).
/// </summary>
internal sealed class BaselineComparison(int requests)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<CanaryVerdict> RunAsync(CanaryAnalysisContext context, CancellationToken ct)
    {
        Assert.NotNull(context.BaselinePort);
        var (canary, baseline) = (0, 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            canary += await FailedAsync(context.CanaryPort!.Value, ct);
            baseline += await FailedAsync(context.BaselinePort.Value, ct);
        }
        var passed = (canary - baseline) * 20 <= requests;
        return new CanaryVerdict(passed, passed ? "Pass" : "Fail",
            $"{canary} of {requests} requests to the canary failed, {baseline} to {context.BaselineVersion}, in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<int> FailedAsync(int port, CancellationToken ct)
    {
        using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/cgi-bin/version"), ct);
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
