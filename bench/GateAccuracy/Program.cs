using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Shipgate.Bench.GateAccuracy;

// Gate accuracy benchmark (issue 3). Usage:
//   dotnet run -c Release --project bench/GateAccuracy -- [--healthy 600] [--per-class 100] [--rps 100] [--doc docs/benchmarks.md]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var healthyCount = Int("healthy", 600);
var perClass = Int("per-class", 100);
var rps = Int("rps", 100);
var stopwatch = Stopwatch.StartNew();

var report = new StringBuilder();
report.AppendLine("## Gate accuracy").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"""
    Reproduce: `dotnet run -c Release --project bench/GateAccuracy -- --healthy {healthyCount} --per-class {perClass} --rps {rps} --doc docs/benchmarks.md`
    (deterministic: every release is simulated from its own seed). Machine: {Machine()}.

    **What is simulated.** Each release is a baseline and a candidate serving side by side for 60 s, each at
    {rps} requests/s (Poisson), scraped every 1 s: request and error counters (healthy error rate 1%),
    a latency histogram (log-normal, median 80 ms, p95 ≈ 182 ms, 16 buckets 5 ms…5 s + +Inf) and a
    prediction-score histogram (N(0, 1), buckets every 0.5σ from −3 to 3 + +Inf) with its `_sum`.
    Regressions change only the candidate: error rate ×1.5 / ×2, every latency ×1.2 / ×1.5 (so p95 +20% / +50%),
    prediction mean +0.25σ / +0.5σ. Each rule decides every 10 s on the data since the start; time to
    decision is the seconds of data at the rollback. The evaluation set is {healthyCount} healthy (A/A)
    releases and {perClass} per regression class; the comparison rules are calibrated on a separate
    set of {healthyCount} healthy releases (other seeds). The simulation evaluates the decision rules on
    seeded data **without Prometheus**: the counters and buckets are what `increase()` and
    `histogram_quantile()` would return for these scrapes, computed in-process.

    **Rules compared on the same data.**
    - *Shipgate*: the evaluators of `Shipgate.Gates.Statistics`, not tuned on this data. Error rate: one-sided
      Fisher exact test vs the baseline, allowed increase +25%. Latency: p95 more than +10% over the baseline
      AND a significant two-sample KS shift of the latency histograms. Predictions: PSI > 0.05 AND a
      significant chi-square homogeneity test. α = 1% is split over the 3 gates; each gate spends its 1/3%
      over the 6 looks with an O'Brien–Fleming-type Lan–DeMets function (`AlphaSpending`), each look tested
      at its increment (per look: {string.Join(", ", ShipgateRule.AlphaPerLook(new SimulationSettings()).Select(a => a.ToString("G2", CultureInfo.InvariantCulture)))}), so repeated looks do not inflate false rollbacks;
      minimum 100 observations per version.
    - *Fixed thresholds (Flagger/Argo Rollouts)*: the candidate's own error rate, p95 and |mean prediction|
      against fixed limits, rollback on the first failed measurement (Argo's default `failureLimit: 0`).
      Limits calibrated so each metric alone falsely fails ≤ 1/3% of the calibration releases: the best
      limits an operator who knows the healthy behaviour could set.
    - *Mann–Whitney (Kayenta)*: per-second series (1 s step) of error rate, p95 and mean prediction,
      candidate vs baseline, Mann–Whitney U; a significant change in the bad direction fails (Kayenta's
      default effect band 1.0). α per metric calibrated like the fixed limits.

    """);

foreach (var varying in new[] { false, true })
{
    var settings = new SimulationSettings { RequestsPerSecond = rps, VaryingEnvironment = varying };
    var seedBase = varying ? 5_000_000 : 0;
    var calibration = Enumerable.Range(0, healthyCount)
        .Select(i => ReleaseSimulator.Simulate(ScenarioClass.Healthy, settings, seedBase + 1_000_000 + i)).ToArray();
    var fixedRule = FixedThresholdRule.Calibrate(settings, calibration, 0.01 / 3);
    var mannWhitney = MannWhitneyRule.Calibrate(settings, calibration, 0.01 / 3);
    IDecisionRule[] rules = [new ShipgateRule(settings), fixedRule, mannWhitney];

    var classes = new List<(ScenarioClass Scenario, int Count)> { (ScenarioClass.Healthy, healthyCount) };
    classes.AddRange(ScenarioClass.Regressions.Select(s => (s, perClass)));
    report.AppendLine(varying
        ? "### Varying environment: each release draws its own healthy level (error ×U(0.7,1.3), latency ×U(0.85,1.15), prediction mean +N(0,0.1σ)), shared by both versions"
        : "### Steady environment: every release has the same healthy level").AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Calibrated: fixed {fixedRule.Describe()}; Mann–Whitney {mannWhitney.Describe()}.").AppendLine();
    report.AppendLine("| class | releases | " + string.Join(" | ", rules.Select(r => $"{r.Name}: rollbacks, median s")) + " |");
    report.AppendLine("|---|---:|" + string.Concat(rules.Select(_ => "---:|")));

    var classIndex = 0;
    foreach (var (scenario, count) in classes)
    {
        var times = rules.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var release = ReleaseSimulator.Simulate(scenario, settings, seedBase + (classIndex * 100_000) + i);
            for (var r = 0; r < rules.Length; r++)
            {
                if (rules[r].RollbackTime(release) is { } t)
                    times[r].Add(t);
            }
        }

        var label = scenario.IsHealthy ? "healthy (A/A): **false rollbacks**" : scenario.Name + ": **detected**";
        var cells = times.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{100.0 * t.Count / count:F1}%, {(t.Count == 0 ? "–" : Median(t).ToString(CultureInfo.InvariantCulture))}"));
        report.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {count} | {string.Join(" | ", cells)} |");
        classIndex++;
    }

    report.AppendLine();
}

report.AppendLine(CultureInfo.InvariantCulture, $"Run time: {stopwatch.Elapsed.TotalSeconds:F0} s.").AppendLine();
var text = report.ToString();
Console.Write(text);
if (options.TryGetValue("doc", out var doc))
    DocumentSection.Replace(doc, "## Gate accuracy", text);

static double Median(List<int> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
}

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}
