using Shipgate.Gates.Analysis;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;

namespace Shipgate.Gates.Specs;

/// <summary>
/// The typed front end for gates, equal to gates.yaml. Common settings (schedule, limits, dryRun,
/// critical, window) go on the returned record with <c>with { ... }</c>.
/// </summary>
public static class Gate
{
    /// <summary>Requests or observations a rate or quantile needs before it may pass or fail; a gate's own minSamples overrides it.</summary>
    public const double DefaultMinSamples = 50;

    private static GateLimits WithMinSamples(double minSamples) => GateLimits.Default with { MinSamples = minSamples };

    public static ThresholdGate Threshold(string name, string query, double? min = null, double? max = null, string? samplesQuery = null) =>
        new(name, query, min, max, samplesQuery);

    public static ErrorRateGate ErrorRate(
        string name, string metric, double maxRate, string errorMatcher = "code=~\"5..\"", string selector = Selectors.Release, ProportionComparisonOptions? versusBaseline = null) =>
        new(name, metric, errorMatcher, maxRate, selector) { Limits = WithMinSamples(DefaultMinSamples), BaselineComparison = versusBaseline };

    public static LatencyQuantileGate LatencyQuantile(string name, string metric, double quantile, double maxSeconds, string selector = Selectors.Release) =>
        new(name, metric, quantile, maxSeconds, selector) { Limits = WithMinSamples(DefaultMinSamples) };

    public static RelativeToBaselineGate RelativeToBaseline(
        string name, string query, double? maxIncreasePercent = null, double? maxDecreasePercent = null, string? samplesQuery = null, TimeSpan? baselineOffset = null) =>
        new(name, query, maxIncreasePercent, maxDecreasePercent, samplesQuery) { BaselineOffset = baselineOffset };

    public static CompareGate Compare(string name, string query, TimeSpan step, MannWhitneyOptions? options = null) =>
        new(name, query, step) { Options = options ?? new MannWhitneyOptions(), Limits = WithMinSamples((options ?? new MannWhitneyOptions()).MinimumSampleSize) };

    public static DriftGate Drift(string name, string metric, DriftOptions? options = null, string selector = Selectors.Release) =>
        new(name, metric, selector) { Options = options ?? new DriftOptions(), Limits = WithMinSamples((options ?? new DriftOptions()).MinimumCountPerVersion) };

    /// <summary>The error rate against the baseline's, decided sequentially; give the release's budget with <see cref="SequentialGate.ApplyBudget"/>.</summary>
    public static SequentialErrorRateGate SequentialErrorRate(
        string name, string metric, SequentialOptions? options = null, string errorMatcher = "code=~\"5..\"", string selector = Selectors.Release) =>
        new(name, metric, errorMatcher, selector) { Options = options ?? new SequentialOptions() };

    /// <summary>A latency quantile against the baseline's, decided sequentially; the minimum effect is relative (0.2 = +20%).</summary>
    public static SequentialLatencyGate SequentialLatency(string name, string metric, double quantile, SequentialOptions? options = null, string selector = Selectors.Release) =>
        new(name, metric, quantile, selector) { Options = options ?? new SequentialOptions { MinimumEffect = 0.2 } };

    /// <summary>A shift of a histogram metric against the baseline's, decided sequentially; the minimum effect is in standard deviations.</summary>
    public static SequentialDriftGate SequentialDrift(string name, string metric, SequentialOptions? options = null, string selector = Selectors.Release) =>
        new(name, metric, selector) { Options = options ?? new SequentialOptions { MinimumEffect = 0.25 } };

    public static NoFiringAlertsGate NoFiringAlerts(string name, IReadOnlyDictionary<string, string>? labels = null) =>
        new(name, labels ?? new Dictionary<string, string> { ["service"] = "{{service}}" });
}
