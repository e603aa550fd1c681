namespace Shipgate.Gates.Specs;

/// <summary>
/// A latency quantile of the new version against the baseline's, decided sequentially
/// (<see cref="Statistics.Sequential.SequentialQuantile"/>) on each version's <c>_bucket</c> increases.
/// </summary>
public sealed record SequentialLatencyGate(string GateName, string Metric, double Quantile, string Selector = Selectors.Release) : SequentialGate(GateName)
{
    public override string Kind => "sequentialLatency";

    public string BucketsQuery => $"sum by (le) (increase({Selectors.Series(Metric + "_bucket", Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [BucketsQuery];
}
