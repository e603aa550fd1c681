namespace Shipgate.Release.Events;

/// <summary>
/// One narrow seam for everything that reports a release (ledger export, reports, summary, GitHub deployments,
/// monitoring): it is told what happened, after it happened. A sink that fails is logged and never changes a decision.
/// </summary>
public interface IReleaseSink
{
    Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken);
}
