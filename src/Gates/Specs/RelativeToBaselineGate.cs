using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>
/// One query, rendered for the new version and for the baseline (<c>{{version}}</c> bound to the baseline
/// version); the value is the change in percent, which must stay within the allowed increase/decrease.
/// The baseline is a version serving at the same time, or with <see cref="BaselineOffset"/> the previous
/// version measured that long before.
/// </summary>
public sealed record RelativeToBaselineGate(
    string GateName, string Query, double? MaxIncreasePercent, double? MaxDecreasePercent, string? SamplesQuery = null) : GateSpec(GateName)
{
    public override string Kind => "relativeToBaseline";

    public TimeSpan? BaselineOffset { get; init; }

    public override ThresholdBand Band => new(-MaxDecreasePercent, MaxIncreasePercent);

    public override IReadOnlyList<string> QueryTemplates => SamplesQuery is null ? [Query] : [Query, SamplesQuery];

    public override bool UsesBaseline => true;
}
