namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// Where a service runs. Implementations: Docker (one engine), Docker Swarm; Kubernetes later. Every call takes
/// the service's deploy lock and first recovers a release left in flight by a crashed process.
/// </summary>
public interface IDeployTarget
{
    /// <summary>Deploys the image (by digest) and waits until it is healthy; rolls back automatically when it is not.</summary>
    Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks the current release as passed (gates and approval); older releases may be cleaned up.</summary>
    Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns to the previous release and marks the current one rolled back.</summary>
    Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken = default);

    Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default);
}
