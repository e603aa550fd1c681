using System.Globalization;
using System.Text;
using Shipgate.DeployTargets.Routing;
using Xunit.Abstractions;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// The router's numbers for docs/benchmarks.md ("Progressive delivery"), measured on a real HAProxy under a prober:
/// each round a new version joins at weight 0, gets a 10% canary step, is rolled back to weight 0 (a failed analysis),
/// gets 10% again, then all the traffic (blue-green switch) and the old one is drained and removed at once. At the end a server
/// at 50% is killed. Rounds: SHIPGATE_ROUTER_ROUNDS (3); the table goes to SHIPGATE_BENCH_OUTPUT when it is set
/// (bench/ProgressiveDelivery/run.sh). The goals are asserted, so this is also a test.
/// </summary>
public sealed class RouterSwitchMeasurement(ITestOutputHelper output)
{
    private const double ProbeRate = 400;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan GoalWindow = TimeSpan.FromMilliseconds(1200);
    private static readonly TimeSpan BackendDelay = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Weight_changes_take_effect_within_one_second_and_switches_drop_no_request()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("SHIPGATE_ROUTER_ROUNDS"), CultureInfo.InvariantCulture, out var n) ? n : 3;
        await using var stack = await RoutedStack.StartAsync(BackendDelay, ("v0", 256));
        var router = stack.Router;
        var measured = new List<Round>();
        var prober = Prober.Start(stack.Frontend, ProbeRate, TimeSpan.FromSeconds(10 + (rounds * 5)));
        IReadOnlyList<Probe> probes;
        TimeSpan deadDetected;
        try
        {
            var serving = "v0";
            for (var round = 1; round <= rounds; round++)
            {
                var next = stack.AddBackend($"v{round}", BackendDelay);
                await router.EnsureBackendAsync(RoutedStack.Backend, [next.AsServer(0)]);
                await stack.WaitUntilAsync(s => s.Find(next.Name)?.Health == ServerHealth.Up, TimeSpan.FromSeconds(5));

                var canaryStep = WeightPlanner.Plan(CanaryStepSplit.For(10, [serving], [next.Name]), router.MaxWeight).Weights;
                await router.SetWeightsAsync(RoutedStack.Backend, canaryStep);
                await Task.Delay(Settle);
                var rollback = await TimedAsync(() => router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { [next.Name] = 0 }));
                var routedAtRollback = await stack.RoutedToAsync(next.Name);
                // Longer than the goal, so a weight that did not take effect shows.
                await Task.Delay(GoalWindow);
                var routedAfterRollback = await stack.RoutedToAsync(next.Name) - routedAtRollback;
                await router.SetWeightsAsync(RoutedStack.Backend, canaryStep);
                await Task.Delay(Settle);

                // As a release switches: all traffic to the new version, then the old one drained and removed at once.
                var oldServer = serving;
                var switchOver = await TimedAsync(() => router.SetWeightsAsync(
                    RoutedStack.Backend, new Dictionary<string, int> { [next.Name] = 256, [oldServer] = 0 }));
                var removal = await router.DrainAndRemoveAsync(RoutedStack.Backend, oldServer, TimeSpan.FromSeconds(5));
                await Task.Delay(Settle);
                measured.Add(new Round(next.Name, oldServer, rollback, routedAfterRollback, switchOver, removal));
                serving = next.Name;
            }

            var doomed = stack.AddBackend("doomed", BackendDelay);
            await router.EnsureBackendAsync(RoutedStack.Backend, [doomed.AsServer(256)]);
            await stack.WaitUntilAsync(s => s.Find("doomed")?.TakesTraffic == true, TimeSpan.FromSeconds(5));
            await Task.Delay(Settle);
            doomed.Kill();
            deadDetected = await stack.WaitUntilAsync(s => s.Find("doomed")?.Health == ServerHealth.Down, TimeSpan.FromSeconds(5));
            await Task.Delay(Settle);
        }
        finally
        {
            probes = await prober.StopAsync();
            await prober.DisposeAsync();
        }

        var report = Report(measured, probes, deadDetected);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("SHIPGATE_BENCH_OUTPUT") is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, report);

        Assert.All(measured, r => Assert.True(r.RoutedAfterRollback == 0, $"{r.Canary} got {r.RoutedAfterRollback} requests after its weight was set to 0"));
        Assert.All(measured, r => Assert.True(EffectOnOld(r, probes) <= TimeSpan.FromSeconds(1), $"{r.Old}: {EffectOnOld(r, probes)}"));
        Assert.All(measured, r => Assert.True(r.Removal.DrainedCleanly));
        Assert.Empty(probes.Where(p => p.Failed).Select(p => p.Error));
    }

    private static TimeSpan EffectOnOld(Round r, IReadOnlyList<Probe> probes) =>
        SwitchEffect.Measure(probes, r.Old, r.SwitchOver.Start);

    private static string Report(IReadOnlyList<Round> rounds, IReadOnlyList<Probe> probes, TimeSpan deadDetected)
    {
        var seconds = (probes[^1].Sent - probes[0].Sent).TotalSeconds;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{rounds.Count} rounds; {probes.Count} requests in {seconds:0.0} s ({probes.Count / seconds:0} req/s), {probes.Count(p => p.Failed)} failed");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"requests HAProxy sent to a canary in the {GoalWindow.TotalSeconds:0.0} s after its weight-0 command returned: {rounds.Sum(r => r.RoutedAfterRollback)} (goal 0)");
        text.AppendLine();
        text.AppendLine("| measurement | median | max | goal |");
        text.AppendLine("|---|---:|---:|---|");
        Row(text, "canary rollback (10% → weight 0): SetWeightsAsync (name check + set line)", rounds.Select(r => r.Rollback.Duration), "");
        Row(text, "switch (old 0, new 256): SetWeightsAsync (name check + set line)", rounds.Select(r => r.SwitchOver.Duration), "");
        Row(text, "switch: last request to the old version after the command", rounds.Select(r => EffectOnOld(r, probes)), "≤ 1 s");
        Row(text, "drain of the old version (its requests in flight finish)", rounds.Select(r => r.Removal.DrainTime), "");
        Row(text, "a killed server marked down by the health checks", [deadDetected], "");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string what, IEnumerable<TimeSpan> values, string goal)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {sorted[sorted.Count / 2]:0.0} ms | {sorted[^1]:0.0} ms | {goal} |");
    }

    private static async Task<Timed> TimedAsync(Func<Task> command)
    {
        var start = Prober.Now;
        await command();
        return new Timed(start, Prober.Now - start);
    }

    private sealed record Timed(TimeSpan Start, TimeSpan Duration);

    /// <summary>One round; RoutedAfterRollback counts the requests HAProxy sent the canary after its weight-0 command returned.</summary>
    private sealed record Round(string Canary, string Old, Timed Rollback, long RoutedAfterRollback, Timed SwitchOver, ServerRemoval Removal);
}
