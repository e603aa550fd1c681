using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>No firing alert whose labels match all of <see cref="Labels"/> (values are templates, e.g. <c>service: "{{service}}"</c>).</summary>
public sealed record NoFiringAlertsGate(string GateName, IReadOnlyDictionary<string, string> Labels) : GateSpec(GateName)
{
    public override string Kind => "alerts";

    public override ThresholdBand Band => new(null, 0);

    public override IReadOnlyList<string> QueryTemplates => [];
}
