using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Shipgate.Bench.GateAccuracy;
using Shipgate.Gates.Model;

// Gate accuracy benchmark (issue 13). Usage:
//   dotnet run -c Release --project bench/GateAccuracy -- [--gates bench/GateAccuracy/gates.yaml] [--also another-gates.yaml]
//     [--healthy 600] [--per-class 100] [--rps 100] [--explain N] [--doc docs/benchmarks.md]
//   add --concurrent-baseline [--long-gates bench/GateAccuracy/gates-120s.yaml --long-seconds 120] [--service-rps 1000] [--baseline-rps N] [--threads 1|2] for issue 12's before/after vs concurrent baseline comparison.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var healthyCount = Int("healthy", 600);
var perClass = Int("per-class", 100);
var rps = Int("rps", 100);
var gatesFile = options.GetValueOrDefault("gates", "bench/GateAccuracy/gates.yaml");
var explain = Int("explain", 0);
if (options.ContainsKey("concurrent-baseline"))
{
    // Issue 12: before/after vs concurrent baseline, written into the "Progressive delivery" section.
    var section = ConcurrentBaselineBenchmark.Run(
        gatesFile, options.GetValueOrDefault("long-gates", "bench/GateAccuracy/gates-120s.yaml"), Int("long-seconds", 120), healthyCount, perClass, rps, Int("service-rps", 1000), Machine(),
        Math.Clamp(Int("threads", 1), 1, 2), options.ContainsKey("baseline-rps") ? Int("baseline-rps", 0) : null);
    Console.Write(section);
    if (options.TryGetValue("doc", out var progressiveDoc))
        DocumentSection.ReplaceSubsection(progressiveDoc, "## Progressive delivery", ConcurrentBaselineBenchmark.Heading, section);
    return;
}

var stopwatch = Stopwatch.StartNew();
var product = new ProductRule(gatesFile);
var alsoFile = options.GetValueOrDefault("also");
var also = alsoFile is null ? null : new ProductRule(alsoFile);

var report = new StringBuilder();
report.AppendLine("## Gate accuracy").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"""
    Reproduce: `dotnet run -c Release --project bench/GateAccuracy -- --gates {gatesFile}{(alsoFile is null ? "" : $" --also {alsoFile}")} --healthy {healthyCount} --per-class {perClass} --rps {rps} --doc docs/benchmarks.md`
    (deterministic: every release is simulated from its own seed). Machine: {Machine()}.

    **What is simulated.** Each release is a baseline and a candidate serving side by side for 60 s, each at
    {rps} requests/s (Poisson), scraped every 1 s: request and error counters (healthy error rate 1%),
    a latency histogram (log-normal, median 80 ms, p95 ≈ 182 ms, 16 buckets 5 ms…5 s + +Inf) and a
    prediction-score histogram (N(0, 1), buckets every 0.5σ from −3 to 3 + +Inf). Regressions change only the
    candidate: error rate ×1.5 / ×2, every latency ×1.2 / ×1.5 (so p95 +20% / +50%), prediction mean
    +0.25σ / +0.5σ. The baseline served for 10 minutes before the candidate started (drawn in aggregate from the
    same distributions; the minute both serve is the same with or without it). The evaluation set is
    {healthyCount} healthy (A/A) releases and {perClass} per regression class.

    **Shipgate is the product, not a model of it.** `ProductRule` runs `Verifier.VerifyAsync` (query validation,
    scrape checks, `AnalysisRunner`, `MeasurementJudge`, `GateDecider`, `VerdictRules`, the inconclusive policy)
    on the gates file `{gatesFile}`, loaded by `GatesFile.Load`, on a virtual clock. The metrics reach it through
    `IMetricSource` (`SimulatedPrometheus`), which answers the PromQL the gates send (`sum(increase(...[w]))`,
    `sum by (le) (increase(..._bucket[w]))`, `up` over a range) from the simulated scrapes. The file holds three
    sequential gates (`sequentialErrorRate` ×2, `sequentialLatency` p95 +20%, `sequentialDrift` 0.25σ; all
    critical, reading the baseline over its last 10 minutes with `baselineWindow: 10m`) under a release budget of
    1% false rollbacks and 1% missed regressions per gate, a measurement every 2 s for 60 s; a release
    undecided at 60 s is Inconclusive and rolled back (the default policy). Time
    to decision is when the verdict was reached: the first failed measurement of a critical gate, or the
    last gate's pass. Nothing in the file was tuned on this data; its minimum effects are the regressions
    the issue asks to catch.{(alsoFile is null ? "" : $" The column for `{alsoFile}` runs the same gates without `baselineWindow`: the baseline is read over the same growing window as the candidate, only the minute both serve.")}

    **Peers, on the same data** (unchanged from the previous benchmark: they decide every 10 s on the data since
    the start, and their limits are calibrated on a separate set of {healthyCount} healthy releases, other seeds).
    - *Fixed thresholds (Flagger/Argo Rollouts)*: the candidate's own error rate, p95 and |mean prediction|
      against fixed limits, rollback on the first failed measurement (Argo's default `failureLimit: 0`).
      Limits calibrated so each metric alone falsely fails ≤ 1/3% of the calibration releases: the best
      limits an operator who knows the healthy behaviour could set.
    - *Mann–Whitney (Kayenta)*: per-second series (1 s step) of error rate, p95 and mean prediction,
      candidate vs baseline over the minute both serve, Mann–Whitney U; a significant change in the bad direction
      fails (Kayenta's default effect band 1.0). α per metric calibrated like the fixed limits.

    Every share is followed by its 95% Wilson interval in brackets.

    A canary compared with a concurrent baseline (a fresh container of the previous version beside it) instead of
    the previous version's data from before the switch, with the environment drifting during the analysis: "Progressive
    delivery", "{ConcurrentBaselineBenchmark.Heading[4..]}" (`--concurrent-baseline`, issue 12).

    """);

foreach (var varying in new[] { false, true })
{
    var settings = new SimulationSettings { RequestsPerSecond = rps, VaryingEnvironment = varying };
    var seedBase = varying ? 5_000_000 : 0;
    var calibration = Enumerable.Range(0, healthyCount)
        .Select(i => ReleaseSimulator.Simulate(ScenarioClass.Healthy, settings, seedBase + 1_000_000 + i)).ToArray();
    var fixedRule = FixedThresholdRule.Calibrate(settings, calibration, 0.01 / 3);
    var mannWhitney = MannWhitneyRule.Calibrate(settings, calibration, 0.01 / 3);
    IDecisionRule[] peers = [fixedRule, mannWhitney];

    var classes = new List<(ScenarioClass Scenario, int Count)> { (ScenarioClass.Healthy, healthyCount) };
    classes.AddRange(ScenarioClass.Regressions.Select(s => (s, perClass)));
    report.AppendLine(varying
        ? "### Varying environment: each release draws its own healthy level (error ×U(0.7,1.3), latency ×U(0.85,1.15), prediction mean +N(0,0.1σ)), shared by both versions"
        : "### Steady environment: every release has the same healthy level").AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Calibrated peers: fixed {fixedRule.Describe()}; Mann–Whitney {mannWhitney.Describe()}.").AppendLine();
    var alsoHeader = also is null ? "" : $"{also.Name}: rolled back, median s | ";
    report.AppendLine("| class | releases | Shipgate: rolled back | decided ≤ 10 s | decided ≤ 15 s | median s to decision | " + alsoHeader + string.Join(" | ", peers.Select(r => $"{r.Name}: rolled back, median s")) + " |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|" + (also is null ? "" : "---:|") + string.Concat(peers.Select(_ => "---:|")));

    var classIndex = 0;
    foreach (var (scenario, count) in classes)
    {
        var peerTimes = peers.Select(_ => new List<int>()).ToArray();
        var rolledBack = 0;
        var decisionTimes = new List<double>();
        var undecided = 0;
        var alsoTimes = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var release = ReleaseSimulator.Simulate(scenario, settings, seedBase + (classIndex * 100_000) + i);
            var result = product.Decide(release);
            var rightAction = scenario.IsHealthy ? ReleaseAction.Promote : ReleaseAction.Rollback;
            if (result.Action == ReleaseAction.Rollback)
                rolledBack++;
            if (result.Action != rightAction && explain-- > 0)
                Console.Error.WriteLine($"{scenario.Name} #{i}: {result.Verdict}: {string.Join(" | ", result.Reasons)}");
            if (result.Verdict == Verdict.Inconclusive)
                undecided++;

            // Time to the right decision; a wrong or undecided release never counts as decided in time.
            decisionTimes.Add(result.Action == rightAction && result.Verdict != Verdict.Inconclusive ? (result.FinishedAt - result.StartedAt).TotalSeconds : double.PositiveInfinity);
            if (also?.RollbackTime(release) is { } alsoTime)
                alsoTimes.Add(alsoTime);
            for (var r = 0; r < peers.Length; r++)
            {
                if (peers[r].RollbackTime(release) is { } t)
                    peerTimes[r].Add(t);
            }
        }

        var label = scenario.IsHealthy ? "healthy (A/A): **false rollbacks**" : scenario.Name + ": **detected**";
        var within10 = decisionTimes.Count(t => t <= 10);
        var within15 = decisionTimes.Count(t => t <= 15);
        var peerCells = peerTimes.Select(t => $"{Share(t.Count, count)}, {(t.Count == 0 ? "–" : Median(t.Select(x => (double)x)).ToString(CultureInfo.InvariantCulture))}");
        var alsoCell = also is null ? "" : $"{Share(alsoTimes.Count, count)}, {(alsoTimes.Count == 0 ? "–" : Median(alsoTimes.Select(x => (double)x)).ToString(CultureInfo.InvariantCulture))} | ";
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {label} | {count} | {Share(rolledBack, count)}{(undecided > 0 ? $" ({undecided} undecided)" : "")} | {Share(within10, count)} | {Share(within15, count)} | {MedianText(decisionTimes)} | {alsoCell}{string.Join(" | ", peerCells)} |");
        classIndex++;
    }

    report.AppendLine();
}

report.AppendLine(CultureInfo.InvariantCulture, $"Run time: {stopwatch.Elapsed.TotalSeconds:F0} s.").AppendLine();
var text = report.ToString();
Console.Write(text);
if (options.TryGetValue("doc", out var doc))
    DocumentSection.Replace(doc, "## Gate accuracy", text);

static string Share(int k, int n)
{
    var (low, high) = WilsonInterval.Of(k, n);
    return string.Create(CultureInfo.InvariantCulture, $"{100.0 * k / n:F1}% [{100 * low:F1}–{100 * high:F1}]");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    if (sorted.Length == 0)
        return double.NaN;
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
}

// The median over all releases, the wrong and undecided ones counted as never decided in time.
static string MedianText(List<double> times)
{
    var median = Median(times);
    return double.IsPositiveInfinity(median) ? "> 60" : median.ToString("0.#", CultureInfo.InvariantCulture);
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}
