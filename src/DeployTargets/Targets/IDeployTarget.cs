namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// Where a service runs. Implementations: Docker (one engine), Docker Swarm; Kubernetes later. Every call takes
/// the service's deploy lock (or passes through this process's release lease) and first recovers a release left in
/// flight by a crashed process.
/// </summary>
/// <remarks>
/// A release's phases: Deploy → Healthy → <see cref="BeginVerificationAsync"/> → Verifying → Promote (Promoted),
/// Rollback (RolledBack) or <see cref="PauseAsync"/> (Paused, then Promote or Rollback by a person). A verifier that
/// dies while Verifying is found by the next call's recovery, which rolls the release back.
/// </remarks>
public interface IDeployTarget
{
    /// <summary>The platform the target deploys to; the ledger records it with every release.</summary>
    DeployPlatform Platform { get; }

    /// <summary>Deploys the image (by digest) and waits until it is healthy; rolls back automatically when it is not.</summary>
    Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the service's deploy lock for a whole release (deploy through promote, pause or rollback) and recovers
    /// what a dead process left. Until the result is disposed, this process's calls on the service pass through it,
    /// one at a time, and every other process's calls (and a second lease) are refused at once
    /// (<see cref="DeployErrorKind.Locked"/>, naming the holder and the release). A holder that dies is detected as stale.
    /// </summary>
    /// <param name="holder">who holds it and why, shown to whoever is refused (e.g. "Deploy 1.2.3 by ci run 42")</param>
    /// <param name="cancellationToken">cancels taking the lease (never a lease already taken: dispose it)</param>
    Task<IAsyncDisposable> AcquireReleaseLeaseAsync(string holder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Healthy (or Paused) → Verifying, recording this process as the verifier. <paramref name="releaseId"/> must be
    /// the serving release (<see cref="DeployErrorKind.ReleaseMismatch"/> otherwise).
    /// </summary>
    Task<ReleaseInfo> BeginVerificationAsync(string releaseId, CancellationToken cancellationToken = default);

    /// <summary>Verifying → Paused: the release serves unpromoted until a person promotes or rolls it back.</summary>
    Task<ReleaseInfo> PauseAsync(string releaseId, string verdict, string reason, CancellationToken cancellationToken = default);

    /// <summary>Marks the current release as passed (gates and approval); older releases may be cleaned up.
    /// With <see cref="PromoteRequest.ReleaseId"/>, only that release is promoted.</summary>
    Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns to the previous release and marks the current one rolled back.</summary>
    Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken = default);

    /// <summary>Rollback that acts only on <see cref="RollbackRequest.ExpectedReleaseId"/> when it is set.</summary>
    Task<ReleaseInfo> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default);

    Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Held → the canary's next steps (analyses, pauses, all the traffic) after a release manager approved, recorded with
    /// the step; then as a deploy ends (Healthy, or Verifying with <see cref="ResumeRequest.VerifyNext"/>). Refused
    /// (<see cref="DeployErrorKind.WrongPhase"/>) when no canary is held.
    /// </summary>
    /// <remarks>Only a target behind a traffic router runs canaries; the others refuse (hence the default).</remarks>
    Task<ReleaseInfo> ResumeCanaryAsync(ResumeRequest request, CancellationToken cancellationToken = default) =>
        throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{Platform} targets run no canary behind a router here: there is no held canary to resume.");
}
