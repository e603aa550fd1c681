using Shipgate.Gates.Model;
using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Specs;

/// <summary>
/// Drift of a histogram metric (predictions, input features) between the new version and the baseline:
/// per-bucket <c>increase()</c> over the window per version, compared by <see cref="DriftEvaluator"/>.
/// </summary>
public sealed record DriftGate(string GateName, string Metric, string Selector = Selectors.Release) : GateSpec(GateName)
{
    public override string Kind => "drift";

    public DriftOptions Options { get; init; } = new();

    public override ThresholdBand Band => new(null, Options.EffectThreshold);

    public string BucketsQuery => $"sum by (le) (increase({Selectors.Series(Metric + "_bucket", Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [BucketsQuery];

    public override bool UsesBaseline => true;
}
