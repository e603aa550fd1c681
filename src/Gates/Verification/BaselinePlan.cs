using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Verification;

/// <summary>
/// Pure: which gates run when the release has no baseline to compare with (a first release, or a baseline
/// version whose data is not in the metrics backend). Gates that only compare become NotApplicable, never
/// a pass; an error-rate gate that also compares keeps its own maximum and decides on the candidate's
/// evidence alone.
/// </summary>
public sealed record BaselinePlan(IReadOnlyList<GateSpec> Run, IReadOnlyList<GateResult> NotApplicable)
{
    /// <param name="gates">The gates as configured.</param>
    /// <param name="missingBaseline">Why there is no baseline to compare with, or null when there is one.</param>
    public static BaselinePlan For(IReadOnlyList<GateSpec> gates, string? missingBaseline)
    {
        ArgumentNullException.ThrowIfNull(gates);
        if (missingBaseline is null)
            return new BaselinePlan(gates, []);
        var run = new List<GateSpec>();
        var notApplicable = new List<GateResult>();
        foreach (var gate in gates)
        {
            if (!gate.UsesBaseline)
                run.Add(gate);
            else if (gate is ErrorRateGate errorRate)
                run.Add(errorRate with { BaselineComparison = null });
            else
                notApplicable.Add(new GateResult(gate.Name, gate.Kind, new GateDecision(GateStatus.NotApplicable, $"compares with a baseline, and {missingBaseline}"), gate.DryRun, gate.Critical, [], gate.Band));
        }

        return new BaselinePlan(run, notApplicable);
    }

    /// <summary>The gates that compare with a baseline and will not, for the warning.</summary>
    public string Summary(IReadOnlyList<GateSpec> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var parts = new List<string>();
        if (NotApplicable.Count > 0)
            parts.Add($"not applicable: {string.Join(", ", NotApplicable.Select(g => g.Gate))}");
        var ownMaximum = gates.OfType<ErrorRateGate>().Where(g => g.BaselineComparison is not null).Select(g => g.Name).ToList();
        if (ownMaximum.Count > 0)
            parts.Add($"deciding on their own maximum only: {string.Join(", ", ownMaximum)}");
        return string.Join("; ", parts);
    }
}
