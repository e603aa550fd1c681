namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// One version as the metrics backend sees it: its <c>version</c> label value, its scrapes, and whether it started
/// serving with the analysis (a candidate, a fresh concurrent baseline) or had been serving long before (the previous version).
/// </summary>
public sealed record ServingVersion(string Label, VersionMetrics Metrics, bool StartedAtStart);
