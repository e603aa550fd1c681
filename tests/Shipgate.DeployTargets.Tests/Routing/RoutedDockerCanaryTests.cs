using System.Diagnostics;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using static Shipgate.DeployTargets.Tests.Routing.RoutedDockerReleaseTests;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// Canary releases behind a real HAProxy on a real dockerd, with a prober sending 100 requests/s through the router
/// all along. The analysis is a real one of the canary: requests sent to its own port (<see cref="CanaryProbeAnalysis"/>).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedDockerCanaryTests(StackFixture stack)
{
    [Fact]
    public async Task A_healthy_canary_goes_through_its_steps_to_all_the_traffic_with_no_failed_request()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-ok", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "canary-ok", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-ok", 18400, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var weightsAtAnalysis = new List<string>();
        var analysis = new CanaryProbeAnalysis(requests: 30);
        var release = await ProbedAsync(routed, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")
        {
            Analyse = async (context, ct) =>
            {
                var state = await routed.StateAsync();
                weightsAtAnalysis.Add($"{context.Step}:{context.Percent}:{state.Find(first.ReleaseId)!.Weight}/{state.Find(context.Canary.ReleaseId)!.Weight}");
                return await analysis.RunAsync(context, ct);
            },
        }));

        AssertNoFailure(release.Probes, "the canary release", routed);
        Assert.Equal(("1.0.0", "2.0.0"), (release.Probes[0].Backend, release.Probes[^1].Backend));
        // 10 % is 9 : 1 and 50 % is 1 : 1 (the scale that rounds best), at the analysis steps 2 and 4 of the default steps.
        Assert.Equal(["2:10:252/28", "4:50:256/256"], weightsAtAnalysis);
        var record = release.Result.Record;
        Assert.Equal((ReleasePhase.Healthy, ReleaseStrategy.Canary, RouterStep.Drained), (record.Phase, record.Strategy, record.RouterStep));
        Assert.Equal((5, 100.0), (record.CanaryStep, record.CanaryWeight));
        Assert.Equal("step 2 at 10%: Pass; step 4 at 50%: Pass", record.CanaryAnalyses);
        // The previous release is drained and kept warm at weight 0 until the promote, as with allAtOnce.
        var state = await routed.StateAsync();
        Assert.Equal((0, 256), (state.Find(first.ReleaseId)!.Weight, state.Find(release.Result.ReleaseId)!.Weight));
        // The ledger keeps the steps (read back from the engine's labels).
        var status = await target.StatusAsync();
        Assert.Equal(record.CanaryAnalyses, status.Current!.Record.CanaryAnalyses);
    }

    [Fact]
    public async Task A_failed_analysis_takes_the_canary_out_at_once_and_the_stable_release_keeps_serving()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-bad", "1.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "canary-bad", "2.0.0", TestServiceKind.Faulty);
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-bad", 18410, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        TimeSpan? verdictAt = null, weightZeroAt = null;
        target.PhaseReached += phase =>
        {
            if (phase == "canary-stopped") weightZeroAt = Prober.Now;
        };
        var analysis = new CanaryProbeAnalysis(requests: 50);
        var refused = await ProbedAsync(routed, async () => await Assert.ThrowsAsync<DeployTargetException>(
            () => target.DeployAsync(new DeployRequest(bad.Reference, "2.0.0", "c2", "tests")
            {
                Analyse = async (context, ct) =>
                {
                    var verdict = await analysis.RunAsync(context, ct);
                    verdictAt = Prober.Now;
                    return verdict;
                },
            })));

        Assert.Equal(DeployErrorKind.CanaryFailed, refused.Result.Kind);
        Assert.Contains("step 2 (10% of the traffic) did not pass", refused.Result.Message, StringComparison.Ordinal);
        Assert.Contains("keeps the traffic", refused.Result.Message, StringComparison.Ordinal);
        // /version is a static file, which the faulty release serves well: no user request failed around the rollback.
        AssertNoFailure(refused.Probes, "the failed canary", routed);
        Assert.Equal("1.0.0", refused.Probes[^1].Backend);
        // At weight 0 after the failed verdict (how soon is measured by bench/ProgressiveDelivery/canary.sh, not asserted
        // here), and no user request reached it after that.
        Assert.True(weightZeroAt >= verdictAt, $"weight 0 at {weightZeroAt}, verdict at {verdictAt}");
        Assert.DoesNotContain(refused.Probes, p => p.Backend == "2.0.0" && p.Sent > weightZeroAt.Value + TimeSpan.FromMilliseconds(50));
        Assert.Contains(refused.Probes, p => p.Backend == "2.0.0");

        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current!.ReleaseId);
        var canary = Assert.Single(status.History, r => r.Version == "2.0.0");
        Assert.Equal((ReleasePhase.RolledBack, 2, 0.0), (canary.Phase, canary.CanaryStep, canary.CanaryWeight));
        Assert.StartsWith("step 2 at 10%: Fail", canary.CanaryAnalyses, StringComparison.Ordinal);
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("canary-bad"));
    }

    [Fact]
    public async Task A_cancelled_canary_is_taken_out_and_rolled_back_while_the_stable_release_keeps_serving()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-cancel", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "canary-cancel", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-cancel", 18430, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options with
        {
            Router = routed.Options.Router! with { CanarySteps = [new CanaryStep.SetWeight(10), new CanaryStep.Pause(TimeSpan.FromMinutes(5))] },
        });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        // Ctrl-C, SIGTERM or a CI cancel during the pause at 10 %.
        using var cancel = new CancellationTokenSource();
        target.PhaseReached += phase =>
        {
            if (phase == "canary-pause") cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
        };
        var cancelled = await ProbedAsync(routed, async () => await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"), cancel.Token)));

        AssertNoFailure(cancelled.Probes, "the cancelled canary", routed);
        Assert.Contains(cancelled.Probes, p => p.Backend == "2.0.0");
        Assert.Equal("1.0.0", cancelled.Probes[^1].Backend);
        var status = await target.StatusAsync();
        Assert.Empty(status.Recovered);
        Assert.Equal(first.ReleaseId, status.Current!.ReleaseId);
        var canary = Assert.Single(status.History, r => r.Version == "2.0.0");
        Assert.Equal(ReleasePhase.RolledBack, canary.Phase);
        Assert.Contains("interrupted after step 1 (10% of the traffic)", canary.Reason, StringComparison.Ordinal);
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("canary-cancel"));
    }

    [Fact]
    public async Task A_deploy_killed_mid_canary_is_undone_by_the_next_call_with_no_failed_request()
    {
        const int port = 18420;
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "canary-kill", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-kill", port, ReleaseStrategy.Canary);
        var target = new DockerTarget(routed.Options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var killed = await ProbedAsync(routed, async () =>
        {
            using var helper = await DeployHelperProcess.StartPausedAtAsync("canary-kill", port, v2.Reference, "2.0.0", "canary-10", "docker",
                "--router", routed.SocketPath, "canary");
            await helper.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            return await routed.StateAsync();
        });
        AssertNoFailure(killed.Probes, "the kill mid-canary and the 2 s after", routed);
        // Killed at 10 %: both versions answer until someone comes back.
        Assert.Contains(killed.Probes, p => p.Backend == "2.0.0");
        Assert.Equal(2, killed.Result.Servers.Count(s => s.Weight > 0));

        var recovery = await ProbedAsync(routed, () => target.StatusAsync());
        AssertNoFailure(recovery.Probes, "the recovery after the kill mid-canary", routed);
        Assert.Equal("1.0.0", recovery.Probes[^1].Backend);
        Assert.Equal(first.ReleaseId, recovery.Result.Current?.ReleaseId);
        Assert.Contains(recovery.Result.History, r => r is { Version: "2.0.0", Phase: ReleasePhase.Failed, Strategy: ReleaseStrategy.Canary, CanaryWeight: 10 });
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("canary-kill"));
    }
}

/// <summary>
/// A real analysis of a canary for the tests: GETs of /cgi-bin/version sent straight to its own port, one after another;
/// it fails when more than 1 in 20 answer with an error (a faulty release fails 1 in 5: 50 requests with 2 errors or
/// fewer happen about once in a thousand).
/// </summary>
internal sealed class CanaryProbeAnalysis(int requests)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<CanaryVerdict> RunAsync(CanaryAnalysisContext context, CancellationToken ct)
    {
        var url = new Uri($"http://127.0.0.1:{context.CanaryPort}/cgi-bin/version");
        var failed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            using var response = await Http.GetAsync(url, ct);
            if (!response.IsSuccessStatusCode) failed++;
        }
        var passed = failed * 20 <= requests;
        return new CanaryVerdict(passed, passed ? "Pass" : "Fail", $"{failed} of {requests} requests failed in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
