using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>Any PromQL that yields one number, held to a min and/or max. <see cref="SamplesQuery"/> says how many observations it rests on.</summary>
public sealed record ThresholdGate(string GateName, string Query, double? Min, double? Max, string? SamplesQuery = null) : GateSpec(GateName)
{
    public override string Kind => "threshold";

    public override ThresholdBand Band => new(Min, Max);

    public override IReadOnlyList<string> QueryTemplates => SamplesQuery is null ? [Query] : [Query, SamplesQuery];
}
