using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// Deploys a service as a replicated Swarm service, by digest, with rolling updates; rollback returns to the
/// previous spec. The ledger entries are the same as the Docker target's; the service's labels name its release.
/// Lock, recovery (through the same <see cref="Recovery.RecoveryPlanner"/>) and the ledger phases are <see cref="ReleaseTransitions"/>'.
/// With <see cref="SwarmTargetOptions.Router"/> each release is its own service behind the traffic router (<see cref="RoutedSwarmDeploy"/>).
/// </summary>
public sealed class DockerSwarmTarget : IDeployTarget
{
    public const string ServiceKind = SwarmPlatform.ServiceKind;
    private readonly SwarmTargetOptions _options;
    private readonly SwarmPlatform _platform;
    private readonly RoutedSwarmPlatform? _routed;
    private readonly ReleaseTransitions _transitions;
    private readonly ILogger _log;

    public DockerSwarmTarget(SwarmTargetOptions options, ILogger? log = null)
    {
        _options = options;
        _log = (log ?? Serilog.Core.Logger.None).ForContext("Service", options.ServiceName);
        _platform = new SwarmPlatform(options, _log);
        _routed = options.Router is null ? null : new RoutedSwarmPlatform(options, _log);
        _transitions = new ReleaseTransitions(options.Engine, options.Service, options.Environment, options.LockWait, (IReleasePlatform?)_routed ?? _platform, _log);
    }

    public DeployPlatform Platform => DeployPlatform.Swarm;

    /// <summary>Raised as each deploy phase is reached (locked, recorded, submitted, healthy).</summary>
    public event Action<string>? PhaseReached;

    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ImageReferences.RequireDigest(request.Image);
        if (_routed is not null)
            return await new RoutedSwarmDeploy(_options, _routed, _transitions, _log, phase => PhaseReached?.Invoke(phase)).DeployAsync(request, cancellationToken).ConfigureAwait(false);
        await using var held = await _transitions.EnterAsync($"deploy {request.Version}", () => PhaseReached?.Invoke("locked"), cancellationToken).ConfigureAwait(false);

        var history = await _transitions.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        history.RefuseIfRolledBack(request, _options.ServiceName);
        var current = history.Current;
        var release = await _transitions.WriteAsync(
            ReleaseRecord.Deploying(_options.Service, _options.Environment, request, current, DateTimeOffset.UtcNow, DeployPlatform.Swarm),
            cancellationToken).ConfigureAwait(false);
        PhaseReached?.Invoke("recorded");

        using var client = _options.Engine.CreateClient();
        var existed = await _platform.SubmitAsync(client, release, cancellationToken).ConfigureAwait(false);
        PhaseReached?.Invoke("submitted");
        var outcome = await _platform.WaitAsync(client, release, existed ? ConvergenceGoal.Updated : ConvergenceGoal.Created, cancellationToken).ConfigureAwait(false);
        if (outcome.State != ConvergenceState.Converged)
        {
            var why = outcome.Why;
            // Back to the last promoted release (Swarm's own rollback went to the previous spec, which may be an unverified one).
            var target = history.RollbackTargetOf(release);
            release = await _transitions.WriteAsync(release with { Phase = ReleasePhase.RollingBack, Reason = why }, cancellationToken).ConfigureAwait(false);
            await _transitions.PassOverAsync(release, target, cancellationToken).ConfigureAwait(false);
            // Swarm's own rollback, judged at its start, is awaited by ReturnToAsync before anything is submitted over it.
            var swarmRolledBackToIt = outcome.State == ConvergenceState.RolledBackBySwarm && target?.ReleaseId == current?.ReleaseId;
            var restored = await _platform.ReturnToAsync(client, target, swarmRolledBackToIt, cancellationToken).ConfigureAwait(false);
            await _transitions.WriteAsync(release with { Phase = ReleasePhase.RolledBack, Reason = why }, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.Unhealthy,
                $"Version {request.Version} of {_options.ServiceName} was rolled back to {target?.Version ?? "nothing"}: {why}" +
                (restored is null ? "" : $"\nThe previous release {target?.ReleaseId} did not converge again: {restored}"));
        }
        release = await _transitions.WriteAsync(ReleaseTransitions.Deployed(release, request), cancellationToken).ConfigureAwait(false);
        PhaseReached?.Invoke("healthy");
        return await _platform.InfoAsync(release, cancellationToken).ConfigureAwait(false);
    }

    public Task<IAsyncDisposable> AcquireReleaseLeaseAsync(string holder, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.AcquireLeaseAsync(holder, cancellationToken);
    }

    public Task<ReleaseInfo> BeginVerificationAsync(string releaseId, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.BeginVerificationAsync(releaseId, cancellationToken);
    }

    public Task<ReleaseInfo> PauseAsync(string releaseId, string verdict, string reason, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.PauseAsync(releaseId, verdict, reason, cancellationToken);
    }

    public Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.PromoteAsync(request, cancellationToken);
    }

    public Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken = default) =>
        RollbackAsync(new RollbackRequest(reason), cancellationToken);

    public Task<ReleaseInfo> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.RollbackAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ReleaseInfo> ResumeCanaryAsync(ResumeRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ArgumentNullException.ThrowIfNull(request);
        if (_routed is null)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{_options.ServiceName} has no traffic router: there is no held canary to resume.");
        return new RoutedSwarmDeploy(_options, _routed, _transitions, _log, phase => PhaseReached?.Invoke(phase)).ResumeAsync(request, cancellationToken);
    }

    public Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.StatusAsync(cancellationToken);
    }
}
