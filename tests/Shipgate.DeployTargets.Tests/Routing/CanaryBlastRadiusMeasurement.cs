using System.Diagnostics;
using System.Globalization;
using System.Text;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using Xunit.Abstractions;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// The canary's numbers for docs/benchmarks.md ("Progressive delivery"), side by side in one run: the blast radius of
/// a faulty release (one answer in five is HTTP 500, as the sample service's --fault-error-rate 0.2) — the bad answers
/// users got before it was rolled back — with the direct replacement, allAtOnce and a canary at 10 % (compared with the
/// stable release, and with a concurrent baseline at 10 % beside it), each judged by
/// the same analysis (<see cref="AnalysisWait"/> of serving, then <see cref="CanaryProbeAnalysis"/> of the new
/// version on its own port), and the time from the failed verdict to the canary's weight 0. Users are a prober at
/// 100 requests/s on the service's port (the router's frontend, or the container itself for direct). Rounds:
/// SHIPGATE_CANARY_ROUNDS (1); the table goes to SHIPGATE_CANARY_BENCH_OUTPUT when it is set
/// (bench/ProgressiveDelivery/canary.sh). Asserted: the canary rolled back at 10 % and served bad answers before (the
/// times are measured and reported, never asserted).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CanaryBlastRadiusMeasurement(StackFixture stack, ITestOutputHelper output)
{
    private const double Rate = 100;
    private static readonly TimeSpan AnalysisWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Bad_answers_served_before_the_rollback_direct_vs_allAtOnce_vs_canary_at_10_percent()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("SHIPGATE_CANARY_ROUNDS"), CultureInfo.InvariantCulture, out var n) ? n : 1;
        var v1 = await TestImages.BuildAndPushAsync(stack, "blast", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "blast", "2.0.0", TestServiceKind.Faulty);
        var rows = new List<Row>();

        foreach (var (strategy, baseline) in new[]
        {
            (ReleaseStrategy.Direct, CanaryBaseline.Stable), (ReleaseStrategy.AllAtOnce, CanaryBaseline.Stable),
            (ReleaseStrategy.Canary, CanaryBaseline.Stable), (ReleaseStrategy.Canary, CanaryBaseline.Concurrent),
        })
        {
            var port = 18330 + ((int)strategy * 10) + ((int)baseline * 10);
            RoutedDockerStack? routed = strategy == ReleaseStrategy.Direct ? null : await RoutedDockerStack.StartAsync(stack, "blast", port, strategy);
            try
            {
                var options = routed?.Options ?? await TestTargets.FreshDockerAsync(stack, "blast", port);
                if (options.Router is not null)
                    options = options with { Router = options.Router with { CanarySteps = [new CanaryStep.SetWeight(10), new CanaryStep.Analysis()], CanaryBaseline = baseline } };
                var target = new DockerTarget(options);
                var frontend = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/cgi-bin/version");
                for (var round = 0; round < rounds; round++)
                {
                    // Back to the good version before each round (behind the router a canary of it, passed at once).
                    await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests")
                    {
                        Force = true,
                        Analyse = (_, _) => Task.FromResult(new CanaryVerdict(true, "Pass", "the good version, between rounds")),
                    });
                    rows.Add(strategy == ReleaseStrategy.Canary
                        ? await CanaryRoundAsync(target, frontend, v2, baseline)
                        : await ReplacedRoundAsync(target, frontend, v2, strategy, options.Router is null ? port : null));
                }
            }
            finally
            {
                if (routed is not null) await routed.DisposeAsync();
                await stack.ForgetServiceAsync("blast", "test");
            }
        }

        var table = Table(rows, rounds);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("SHIPGATE_CANARY_BENCH_OUTPUT") is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, table);
        foreach (var canary in rows.Where(r => r.Strategy.StartsWith("canary", StringComparison.Ordinal)))
        {
            Assert.True(canary.BadAnswers > 0, $"the canary served no bad answer: the measurement saw nothing\n{table}");
        }
    }

    /// <summary>Direct or allAtOnce: the faulty version takes all the traffic, the analysis judges it, the rollback puts the previous one back.</summary>
    private static async Task<Row> ReplacedRoundAsync(DockerTarget target, Uri frontend, Images.PushedImage faulty, ReleaseStrategy strategy, int? directPort)
    {
        var analysis = new CanaryProbeAnalysis(requests: 50);
        return await MeasureAsync(strategy.Name(), frontend, async clock =>
        {
            var release = await target.DeployAsync(new DeployRequest(faulty.Reference, "2.0.0", "c2", "tests") { Force = true });
            var port = directPort ?? release.Instances[0].Port!.Value;
            await Task.Delay(AnalysisWait);
            var verdict = await analysis.RunAsync(new CanaryAnalysisContext(release.Record, null, 1, 100) { CanaryPort = port }, CancellationToken.None);
            Assert.False(verdict.Passed, verdict.Reason);
            var failedAt = clock.Elapsed;
            var rollback = Stopwatch.StartNew();
            await target.RollbackAsync(new RollbackRequest($"measured: {verdict.Reason}"));
            return (failedAt, rollback.Elapsed);
        });
    }

    /// <summary>Canary: 10 %, then the same analysis; its failure takes the canary out (weight 0) and the deploy undoes it.</summary>
    private static async Task<Row> CanaryRoundAsync(DockerTarget target, Uri frontend, Images.PushedImage faulty, CanaryBaseline baseline)
    {
        var analysis = new CanaryProbeAnalysis(requests: 50);
        TimeSpan? failedAt = null, weightZeroAt = null;
        var label = baseline == CanaryBaseline.Concurrent ? "canary at 10%, concurrent baseline at 10%" : "canary at 10%";
        return await MeasureAsync(label, frontend, async clock =>
        {
            void Stopped(string phase)
            {
                if (phase == "canary-stopped") weightZeroAt = clock.Elapsed;
            }
            target.PhaseReached += Stopped;
            try
            {
                var refused = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(faulty.Reference, "2.0.0", "c2", "tests")
                {
                    Force = true,
                    Analyse = async (context, ct) =>
                    {
                        await Task.Delay(AnalysisWait, ct);
                        var verdict = await analysis.RunAsync(context, ct);
                        failedAt = clock.Elapsed;
                        return verdict;
                    },
                }));
                Assert.Equal(DeployErrorKind.CanaryFailed, refused.Kind);
            }
            finally
            {
                target.PhaseReached -= Stopped;
            }
            return (failedAt!.Value, weightZeroAt!.Value - failedAt.Value);
        });
    }

    /// <summary>
    /// The prober around one release and its rollback: the bad answers users got (HTTP 500 from the faulty version;
    /// every other failure apart), when the verdict came, and the last answer of the faulty version after it.
    /// </summary>
    private static async Task<Row> MeasureAsync(string strategy, Uri frontend, Func<Stopwatch, Task<(TimeSpan FailedAt, TimeSpan ToWeightZero)>> release)
    {
        await using var prober = Prober.Start(frontend, Rate, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var began = Prober.Now;
        var clock = Stopwatch.StartNew();
        var (failedAt, toWeightZero) = await release(clock);
        var took = clock.Elapsed;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var probes = await prober.StopAsync();
        var verdict = began + failedAt;
        var lastFaulty = probes.LastOrDefault(p => p.Backend == "2.0.0") is { } last && last.Sent > verdict ? last.Sent - verdict : TimeSpan.Zero;
        return new Row(strategy, probes.Count, probes.Count(p => p.Failed && p.Backend == "2.0.0"), probes.Count(p => p.Failed && p.Backend != "2.0.0"),
            probes.Count(p => p.Backend == "2.0.0"), took, toWeightZero, lastFaulty);
    }

    private static string Table(IReadOnlyList<Row> rows, int rounds)
    {
        var allAtOnce = rows.Where(r => r.Strategy == ReleaseStrategy.AllAtOnce.Name()).Select(r => (double)r.BadAnswers).DefaultIfEmpty(0).Average();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{rounds} round(s) per strategy, prober {Rate:0} requests/s through the service's port, analysis: {AnalysisWait.TotalSeconds:0} s of serving then 50 requests to the new version's own port\n\n");
        text.Append("| strategy | requests | answered by the faulty version | bad answers (HTTP 500 from it) | vs allAtOnce | other failed requests | release to rollback done | failed verdict → traffic off it (canary: its weight 0 set; others: the rollback call) | last answer of the faulty version after the verdict |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var group in rows.GroupBy(r => r.Strategy))
        {
            var bad = group.Select(r => (double)r.BadAnswers).Average();
            text.Append(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Sum(r => r.Requests)} | {group.Sum(r => r.ByFaulty)} | **{group.Sum(r => r.BadAnswers)}** " +
                $"| {(allAtOnce > 0 ? (bad / allAtOnce).ToString("0.00", CultureInfo.InvariantCulture) : "-")} | {group.Sum(r => r.OtherFailures)} " +
                $"| {Seconds(group.Select(r => r.Took))} | {Seconds(group.Select(r => r.VerdictToWeightZero))} | {Seconds(group.Select(r => r.LastFaulty))} |\n");
        }
        return text.ToString();
    }

    /// <summary>Median (max) in seconds.</summary>
    private static string Seconds(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2].TotalSeconds:0.000} s ({sorted[^1].TotalSeconds:0.000})");
    }

    private sealed record Row(string Strategy, int Requests, int BadAnswers, int OtherFailures, int ByFaulty, TimeSpan Took, TimeSpan VerdictToWeightZero, TimeSpan LastFaulty);
}
