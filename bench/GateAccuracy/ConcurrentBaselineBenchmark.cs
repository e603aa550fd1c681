using System.Diagnostics;
using System.Globalization;
using System.Text;
using Shipgate.Gates.Model;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// Issue 12's comparison: the same canary analyses (same seeds, same gates file, the product's own Verifier) judged
/// against the previous version's data from before the switch and against a concurrent baseline, in a steady and a
/// drifting environment; and the concurrent baseline again when the canary's share is split with it (half the requests).
/// </summary>
public static class ConcurrentBaselineBenchmark
{
    public const string Heading = "### Concurrent baseline vs before/after: false rollbacks when the environment drifts (gate-accuracy simulation)";

    private static readonly ScenarioClass[] Classes =
    [
        ScenarioClass.Healthy,
        .. ScenarioClass.Regressions.Where(s => s.Name is "error rate ×2" or "p95 latency +20%" or "prediction shift 0.25σ"),
    ];

    /// <summary>
    /// The section's text; <paramref name="longGatesFile"/> is the gates file with a longer analysis
    /// (<paramref name="longSeconds"/>), run on the concurrent baseline only.
    /// </summary>
    public static string Run(
        string gatesFile, string longGatesFile, int longSeconds, int healthyCount, int perClass, double canaryRequestsPerSecond, double serviceRequestsPerSecond, string machine, int threads = 1, double? baselineRequestsPerSecond = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var product = new ProductRule(gatesFile);
        var longer = new ProductRule(longGatesFile);
        var share = canaryRequestsPerSecond / serviceRequestsPerSecond;

        // One simulation as long as the longer analysis: each second is drawn in order from the version's own stream, so
        // the first 60 s are the same as a 60 s simulation's, and the 60 s gates never read past them.
        var full = new SimulationSettings
        {
            RequestsPerSecond = canaryRequestsPerSecond,
            ServiceRequestsPerSecond = serviceRequestsPerSecond,
            DurationSeconds = longSeconds,
            BaselineRequestsPerSecond = baselineRequestsPerSecond,
        };
        var split = full with { RequestsPerSecond = canaryRequestsPerSecond / 2, DurationSeconds = 60, BaselineRequestsPerSecond = null };
        var baselineOption = baselineRequestsPerSecond is { } b ? FormattableString.Invariant($" --baseline-rps {b}") : "";
        var report = new StringBuilder();
        string[] columns = ["before/after", "concurrent", "concurrent, share split", $"concurrent, {longSeconds} s"];
        report.AppendLine(Heading).AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"""
            Reproduce: `dotnet run -c Release --project bench/GateAccuracy -- --concurrent-baseline --gates {gatesFile} --long-gates {longGatesFile} --long-seconds {longSeconds} --healthy {healthyCount} --per-class {perClass} --rps {canaryRequestsPerSecond} --service-rps {serviceRequestsPerSecond}{baselineOption} --threads {threads} --doc docs/benchmarks.md`
            (deterministic: each release from its own seed, the same figures with any number of threads). Machine: {machine}.

            **What is simulated** (`CanarySimulator`, `EnvironmentDrift`). A service serving {serviceRequestsPerSecond:0} requests/s; the previous
            version `v1` served all of it for the 10 minutes before the switch. From the switch the canary `v2` gets {share:P0} of the
            traffic ({canaryRequestsPerSecond:0} requests/s) and a fresh container of `v1`'s image, labelled `v1-baseline`, gets the same
            share at the same time, for the 60 s analysis. Each version is the Gate accuracy benchmark's model (1% errors,
            log-normal latency, N(0, 1) predictions, Poisson arrivals, 1 s scrapes) with its own random stream; a regression
            changes only the canary. The environment is a level every version serving at that second shares: *steady*, or
            *drifting*: {EnvironmentDrift.Description}.
            Every release is judged four times by the product (`ProductRule` → `Verifier.VerifyAsync`, gates file `{gatesFile}`):
            - *before/after* (today): `baseline_version` = `v1`, read at the switch (the release's baseline time, as
              `ReleaseRunner` gives it), so `baselineWindow: 10m` covers the 10 minutes it served before;
            - *concurrent*: `baseline_version` = `v1-baseline`, read at each measurement's instant (its scrapes checked like the
              canary's); the same 10 m window holds only what it served since it started: as many requests as the canary;
            - *concurrent, share split*: the canary's {share:P0} split between canary and baseline ({canaryRequestsPerSecond / 2:0} requests/s each),
              same seeds: the cost when the baseline's traffic must come out of the canary's budget;
            - *concurrent, {longSeconds} s*: the concurrent baseline with `{longGatesFile}`, the same gates with a {longSeconds} s analysis
              (the same releases, simulated for {longSeconds} s).{(baselineRequestsPerSecond is { } rate ? $" In this run the concurrent baseline of the *concurrent* and *concurrent, {longSeconds} s* columns serves {rate:0} requests/s, {rate / serviceRequestsPerSecond:P0} of the traffic, more than the canary." : "")}

            Rolled back = the verdict's action (failed, or undecided at the end of the analysis under `inconclusivePolicy: rollback`), with its
            95% Wilson interval and the undecided count; median s = time to the right decision over all releases of the
            class (a wrong or undecided one counts as never decided). Same seeds in every column.

            """);

        foreach (var drifting in new[] { false, true })
        {
            report.AppendLine(drifting ? "**Drifting environment**" : "**Steady environment** (control)").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"| class | releases | {string.Join(" | ", columns.Select(c => c + ": rolled back, median s | ≤ 15 s"))} |");
            report.AppendLine("|---|---:|" + string.Concat(columns.Select(_ => "---:|---:|")));
            var causes = new List<string>();
            for (var c = 0; c < Classes.Length; c++)
            {
                var scenario = Classes[c];
                var count = scenario.IsHealthy ? healthyCount : perClass;
                var results = new AnalysisResult[count][];
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    var seed = (drifting ? 25_000_000 : 20_000_000) + (c * 100_000) + i;
                    var drift = drifting ? EnvironmentDrift.Draw(new Random(seed ^ 0x0D21F7)) : EnvironmentDrift.None;
                    var release = CanarySimulator.Simulate(scenario, full, drift, seed);
                    results[i] =
                    [
                        product.Decide(release, BaselineKind.BeforeSwitch),
                        product.Decide(release, BaselineKind.Concurrent),
                        product.Decide(CanarySimulator.Simulate(scenario, split, drift, seed), BaselineKind.Concurrent),
                        longer.Decide(release, BaselineKind.Concurrent),
                    ];
                });

                Console.Error.WriteLine(FormattableString.Invariant($"{(drifting ? "drifting" : "steady")} {scenario.Name}: {count} releases, {stopwatch.Elapsed.TotalSeconds:F0} s"));

                // Tallied in seed order, so the figures do not depend on the number of threads.
                var tallies = columns.Select(_ => new Tally()).ToArray();
                foreach (var result in results)
                {
                    for (var k = 0; k < tallies.Length; k++)
                        tallies[k].Add(scenario, result[k]);
                }

                var label = scenario.IsHealthy ? "healthy (A/A): **false rollbacks**" : scenario.Name + ": **detected**";
                report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {count} | {string.Join(" | ", tallies.Select(t => t.Cells(count)))} |");
                if (scenario.IsHealthy)
                    causes.AddRange(tallies.Select((t, k) => $"{columns[k]} {t.Causes()}"));
            }

            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Healthy releases rolled back, by cause: {string.Join("; ", causes)}.").AppendLine();
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"Run time: {stopwatch.Elapsed.TotalSeconds:F0} s.").AppendLine();
        return report.ToString();
    }

    /// <summary>One column's counts for one class.</summary>
    private sealed class Tally
    {
        private readonly List<double> _times = [];
        private readonly Dictionary<string, int> _causes = new(StringComparer.Ordinal);
        private int _rolledBack;
        private int _undecided;

        public void Add(ScenarioClass scenario, AnalysisResult result)
        {
            var right = scenario.IsHealthy ? ReleaseAction.Promote : ReleaseAction.Rollback;
            if (result.Action == ReleaseAction.Rollback)
            {
                _rolledBack++;
                var cause = result.Verdict == Verdict.Inconclusive
                    ? "undecided at the end"
                    : string.Join(" + ", result.Gates.Where(g => g.Decision.Status == GateStatus.Fail).Select(g => g.Gate).DefaultIfEmpty(result.Verdict.ToString()));
                _causes[cause] = _causes.GetValueOrDefault(cause) + 1;
            }

            if (result.Verdict == Verdict.Inconclusive)
                _undecided++;
            _times.Add(result.Action == right && result.Verdict != Verdict.Inconclusive ? (result.FinishedAt - result.StartedAt).TotalSeconds : double.PositiveInfinity);
        }

        public string Cells(int count)
        {
            var sorted = _times.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
            var medianText = double.IsPositiveInfinity(median) ? "> 60" : median.ToString("0.#", CultureInfo.InvariantCulture);
            var within15 = _times.Count(t => t <= 15);
            return $"{Share(_rolledBack, count)}{(_undecided > 0 ? $" ({_undecided} undecided)" : "")}, {medianText} | {Share(within15, count)}";
        }

        public string Causes() => _causes.Count == 0
            ? "none"
            : string.Join(", ", _causes.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key}")));

        private static string Share(int k, int n)
        {
            var (low, high) = WilsonInterval.Of(k, n);
            return string.Create(CultureInfo.InvariantCulture, $"{100.0 * k / n:F1}% [{100 * low:F1}–{100 * high:F1}]");
        }
    }
}
