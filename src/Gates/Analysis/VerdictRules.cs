using Shipgate.Gates.Model;

namespace Shipgate.Gates.Analysis;

/// <summary>
/// Pure: from the gates' decisions to the analysis verdict and what to do with the release.
/// Dry-run gates are reported but never decide. A verdict needs at least one deciding gate to pass.
/// </summary>
public static class VerdictRules
{
    public static (Verdict Verdict, IReadOnlyList<string> Reasons) Decide(IReadOnlyList<GateResult> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var deciding = gates.Where(g => !g.DryRun && g.Decision.Status != GateStatus.NotApplicable).ToList();
        if (deciding.Count == 0)
            return (Verdict.Inconclusive, [gates.Count == 0 ? "no gates to decide" : "no gate decides: every gate is a dry run or not applicable"]);

        var failed = deciding.Where(g => g.Decision.Status == GateStatus.Fail).ToList();
        if (failed.Count > 0)
            return (Verdict.Fail, failed.Select(Describe).ToList());

        var undecided = deciding.Where(g => g.Decision.Status != GateStatus.Pass).ToList();
        if (undecided.Count > 0)
            return (Verdict.Inconclusive, undecided.Select(Describe).ToList());

        return (Verdict.Pass, deciding.Select(Describe).ToList());
    }

    public static ReleaseAction ActionFor(Verdict verdict, InconclusivePolicy policy) => verdict switch
    {
        Verdict.Pass => ReleaseAction.Promote,
        Verdict.Fail => ReleaseAction.Rollback,
        _ => policy == InconclusivePolicy.Pause ? ReleaseAction.Pause : ReleaseAction.Rollback,
    };

    private static string Describe(GateResult gate) => $"{gate.Gate}: {gate.Decision.Status}: {gate.Decision.Reason}";
}
