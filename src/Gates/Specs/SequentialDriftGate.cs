namespace Shipgate.Gates.Specs;

/// <summary>
/// A shift of a histogram metric (predictions, an input feature) between the new version and the baseline,
/// in standard deviations, decided sequentially (<see cref="Statistics.Sequential.SequentialMeanShift"/>).
/// </summary>
public sealed record SequentialDriftGate(string GateName, string Metric, string Selector = Selectors.Release) : SequentialGate(GateName)
{
    public override string Kind => "sequentialDrift";

    public string BucketsQuery => $"sum by (le) (increase({Selectors.Series(Metric + "_bucket", Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [BucketsQuery];
}
