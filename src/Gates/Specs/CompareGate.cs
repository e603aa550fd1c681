using Shipgate.Gates.Model;
using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Specs;

/// <summary>
/// Kayenta-style: the query's series over the window for the new version and the baseline, compared
/// with a Mann-Whitney U test; fails only when the difference is significant and outside the effect band.
/// </summary>
public sealed record CompareGate(string GateName, string Query, TimeSpan Step) : GateSpec(GateName)
{
    public override string Kind => "compare";

    public MannWhitneyOptions Options { get; init; } = new();

    public override ThresholdBand Band => Options.Direction switch
    {
        RegressionDirection.Increase => new(null, Options.AllowedIncreaseRatio),
        RegressionDirection.Decrease => new(Options.AllowedDecreaseRatio, null),
        _ => new(Options.AllowedDecreaseRatio, Options.AllowedIncreaseRatio),
    };

    public override IReadOnlyList<string> QueryTemplates => [Query];

    public override bool UsesBaseline => true;
}
