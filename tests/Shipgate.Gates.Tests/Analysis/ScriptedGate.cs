using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Tests.Analysis;

/// <summary>A gate whose observed values are scripted: its kind exists only in tests of the runner.</summary>
internal sealed record ScriptedGate(string GateName, params double?[] Values) : GateSpec(GateName)
{
    public override string Kind => "scripted";

    public override ThresholdBand Band { get; } = new(null, 1.0);

    public override IReadOnlyList<string> QueryTemplates => ["scripted"];
}
