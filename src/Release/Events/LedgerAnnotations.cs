using Shipgate.DeployTargets.Ledger;
using Shipgate.LocalStack.Monitoring;
using Annotation = Shipgate.LocalStack.Monitoring.ReleaseEvent;

namespace Shipgate.Release.Events;



/// <summary>Pure: the deploy, promote and rollback annotations of the local dashboard, derived from the release ledger.</summary>
internal static class LedgerAnnotations
{
    public static IReadOnlyList<Annotation> FromLedger(IEnumerable<ReleaseRecord> history) =>
        history.SelectMany(Of).OrderBy(e => e.Time).ToList();

    private static IEnumerable<Annotation> Of(ReleaseRecord record)
    {
        yield return new Annotation(ReleaseEventKind.Deploy, record.Service, record.Environment, record.Version, record.ReleaseId, record.DeployedAt);
        if (record.Phase == ReleasePhase.Promoted)
            yield return new Annotation(ReleaseEventKind.Promote, record.Service, record.Environment, record.Version, record.ReleaseId, record.UpdatedAt);
        if (record.Phase is ReleasePhase.RolledBack or ReleasePhase.Failed)
            yield return new Annotation(ReleaseEventKind.Rollback, record.Service, record.Environment, record.Version, record.ReleaseId, record.UpdatedAt);
    }
}
