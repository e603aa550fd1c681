using Shipgate.Gates.Model;

namespace Shipgate.Release.Decisions;

/// <summary>What happens to the release under verification, and why (the reason goes to the ledger and the summary).</summary>
public sealed record ReleaseDecision(ReleaseAction Action, string Reason)
{
    public static ReleaseDecision Promote(string reason) => new(ReleaseAction.Promote, reason);

    public static ReleaseDecision Rollback(string reason) => new(ReleaseAction.Rollback, reason);

    public static ReleaseDecision Pause(string reason) => new(ReleaseAction.Pause, reason);

    public override string ToString() => $"{Action}: {Reason}";
}
