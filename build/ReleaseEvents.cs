using Shipgate.DeployTargets.Ledger;
using Shipgate.LocalStack.Monitoring;

namespace Shipgate.Build;

/// <summary>The deploy, promote and rollback annotations of the dashboard, derived from the release ledger.</summary>
internal static class ReleaseEvents
{
    public static IReadOnlyList<ReleaseEvent> FromLedger(IEnumerable<ReleaseRecord> history) =>
        history.SelectMany(Of).OrderBy(e => e.Time).ToList();

    private static IEnumerable<ReleaseEvent> Of(ReleaseRecord record)
    {
        yield return new ReleaseEvent(ReleaseEventKind.Deploy, record.Service, record.Environment, record.Version, record.ReleaseId, record.DeployedAt);
        if (record.Phase == ReleasePhase.Promoted)
            yield return new ReleaseEvent(ReleaseEventKind.Promote, record.Service, record.Environment, record.Version, record.ReleaseId, record.UpdatedAt);
        if (record.Phase is ReleasePhase.RolledBack or ReleasePhase.Failed)
            yield return new ReleaseEvent(ReleaseEventKind.Rollback, record.Service, record.Environment, record.Version, record.ReleaseId, record.UpdatedAt);
    }
}
