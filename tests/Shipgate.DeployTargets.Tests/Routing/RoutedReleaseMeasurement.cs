using System.Diagnostics;
using System.Globalization;
using System.Text;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using Xunit.Abstractions;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// The release's numbers for docs/benchmarks.md ("Progressive delivery"), side by side in one run: failed requests
/// under a 100 requests/s prober during a healthy release and during its rollback, with the direct replacement (no
/// router), allAtOnce, blueGreen and canary (the default steps, analyses passed at once) behind a real HAProxy, on the real dockerd; and how long a blue-green rollback
/// takes. Rounds: SHIPGATE_RELEASE_ROUNDS (1); the table goes to SHIPGATE_RELEASE_BENCH_OUTPUT when it is set
/// (bench/ProgressiveDelivery/release.sh). Only the router strategies' zero failures are asserted (the direct
/// replacement's failures are what is measured; timings are reported, never asserted).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RoutedReleaseMeasurement(StackFixture stack, ITestOutputHelper output)
{
    private const double Rate = 100;

    [Fact]
    public async Task Failed_requests_during_release_and_rollback_direct_vs_allAtOnce_vs_blueGreen_vs_canary()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("SHIPGATE_RELEASE_ROUNDS"), CultureInfo.InvariantCulture, out var n) ? n : 1;
        var v1 = await TestImages.BuildAndPushAsync(stack, "measured", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "measured", "2.0.0");
        var rows = new List<Row>();

        foreach (var strategy in new[] { ReleaseStrategy.Direct, ReleaseStrategy.AllAtOnce, ReleaseStrategy.BlueGreen, ReleaseStrategy.Canary })
        {
            var port = 18260 + ((int)strategy * 10);
            RoutedDockerStack? routed = strategy == ReleaseStrategy.Direct ? null : await RoutedDockerStack.StartAsync(stack, "measured", port, strategy);
            try
            {
                var options = routed?.Options ?? await TestTargets.FreshDockerAsync(stack, "measured", port);
                var target = new DockerTarget(options);
                var frontend = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/version");
                for (var round = 0; round < rounds; round++)
                {
                    await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests") { Force = true, Analyse = Passed });
                    var release = await MeasureAsync(frontend, () => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Force = true, Analyse = Passed }));
                    var rollback = await MeasureAsync(frontend, () => target.RollbackAsync(new RollbackRequest("measured rollback")));
                    rows.Add(new Row(strategy, release.Probes, rollback.Probes, release.Call, rollback.Call, rollback.LastOld));
                }
            }
            finally
            {
                if (routed is not null) await routed.DisposeAsync();
                await stack.ForgetServiceAsync("measured", "test");
            }
        }

        var table = Table(rows, rounds);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("SHIPGATE_RELEASE_BENCH_OUTPUT") is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, table);
        foreach (var row in rows.Where(r => r.Strategy != ReleaseStrategy.Direct))
            Assert.True(row.ReleaseFailed + row.RollbackFailed == 0, table);
    }

    /// <summary>The canary's analyses pass at once: what is measured is the traffic moving through its steps (10 %, 50 %, 100 %).</summary>
    private static Task<CanaryVerdict> Passed(CanaryAnalysisContext context, CancellationToken ct) =>
        Task.FromResult(new CanaryVerdict(true, "Pass", "measured: the steps' traffic, not the gates"));

    /// <summary>The prober around one call: its probes, how long the call took, and when (after the call began) the last answer of the leaving version was sent.</summary>
    private static async Task<(IReadOnlyList<Probe> Probes, TimeSpan Call, TimeSpan LastOld)> MeasureAsync<T>(Uri frontend, Func<Task<T>> call)
    {
        await using var prober = Prober.Start(frontend, Rate, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var began = Prober.Now;
        var clock = Stopwatch.StartNew();
        var result = await call();
        var took = clock.Elapsed;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var probes = await prober.StopAsync();
        var leaving = probes.FirstOrDefault(p => p.Sent < began && !p.Failed)?.Backend;
        var lastOld = probes.LastOrDefault(p => p.Backend == leaving && p.Sent >= began) is { } last ? last.Sent - began : TimeSpan.Zero;
        return (probes, took, lastOld);
    }

    private static string Table(IReadOnlyList<Row> rows, int rounds)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rounds} round(s) per strategy, prober {Rate:0} requests/s through the service's port\n\n");
        text.Append("| strategy | requests during release | failed | requests during rollback | failed | release call | rollback call | last answer of the leaving version after the rollback began |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var group in rows.GroupBy(r => r.Strategy))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {group.Key.Name()} | {group.Sum(r => r.Release.Count)} | {group.Sum(r => r.ReleaseFailed)} | {group.Sum(r => r.Rollback.Count)} | {group.Sum(r => r.RollbackFailed)} " +
                $"| {Seconds(group.Select(r => r.ReleaseCall))} | {Seconds(group.Select(r => r.RollbackCall))} | {Seconds(group.Select(r => r.LastOld))} |\n");
        }
        return text.ToString();
    }

    /// <summary>Median (max) in seconds.</summary>
    private static string Seconds(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2].TotalSeconds:0.00} s ({sorted[^1].TotalSeconds:0.00})");
    }

    private sealed record Row(ReleaseStrategy Strategy, IReadOnlyList<Probe> Release, IReadOnlyList<Probe> Rollback, TimeSpan ReleaseCall, TimeSpan RollbackCall, TimeSpan LastOld)
    {
        public int ReleaseFailed => Release.Count(p => p.Failed);

        public int RollbackFailed => Rollback.Count(p => p.Failed);
    }
}
