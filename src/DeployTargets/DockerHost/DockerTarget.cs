using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// Deploys a service as one container on one Docker engine. A deploy is a sequence of phases, each recorded in the
/// ledger before the engine is changed, so a process killed at any point leaves a state that
/// <see cref="RecoveryPlanner"/> can finish or undo. Lock, recovery and the ledger phases after the deploy are
/// <see cref="ReleaseTransitions"/>'.
/// </summary>
public sealed class DockerTarget : IDeployTarget
{
    private readonly DockerTargetOptions _options;
    private readonly ILogger _log;
    private readonly DockerPlatform _platform;
    private readonly ReleaseTransitions _transitions;

    public DockerTarget(DockerTargetOptions options, ILogger? log = null)
    {
        _options = options;
        _log = (log ?? Serilog.Core.Logger.None).ForContext("Service", $"{options.Service}/{options.Environment}");
        _platform = new DockerPlatform(options, _log);
        _transitions = new ReleaseTransitions(options.Engine, options.Service, options.Environment, options.LockWait, _platform, _log);
    }

    public DeployPlatform Platform => DeployPlatform.Docker;

    /// <summary>The service as messages name it.</summary>
    private string ServiceLabel => _platform.ServiceLabel;

    /// <summary>
    /// Raised as each deploy phase is reached: locked, pulled, recorded, created, previous-stopped, started, healthy; behind a
    /// router: locked, pulled, recorded, created, started, added, previewed (blue-green), switched, healthy; a canary
    /// reaches canary-P at each setWeight P below 100, canary-analysis and canary-pause as those steps begin,
    /// canary-held when it stops at a pause until approved (and, resumed, locked, resumed, then its next steps), and
    /// canary-stopped once a failed analysis has set its weight to 0.
    /// </summary>
    public event Action<string>? PhaseReached;

    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ImageReferences.RequireDigest(request.Image);
        if (_options.Router is not null)
            return await new RoutedDeploy(_options, _platform, _transitions, _log, Reached).DeployAsync(request, cancellationToken).ConfigureAwait(false);
        await using var held = await _transitions.EnterAsync($"deploy {request.Version}", () => Reached("locked"), cancellationToken).ConfigureAwait(false);
        using var runtime = new ContainerRuntime(_options);

        var (release, _) = await DeployStart.RecordAsync(_transitions, runtime, _options, ServiceLabel, request, ReleaseStrategy.Direct, Reached, cancellationToken).ConfigureAwait(false);
        // A deploy that fails returns to the last promoted release, not to an unverified one that served before it.
        var current = (await _transitions.ReadHistoryAsync(cancellationToken).ConfigureAwait(false)).RollbackTargetOf(release);

        var newId = await runtime.CreateAsync(release, ownPort: null, cancellationToken).ConfigureAwait(false);
        Reached("created");
        var instances = await runtime.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var previous = instances.Where(i => i.Running && i.Id != newId).Select(i => i.Id).ToList();
        // From here until the new release is healthy and recorded, this process's death would leave the port dead.
        using var sentinel = SwitchSentinel.Arm(_options.Engine, newId, previous);
        foreach (var id in previous)
            await runtime.StopAsync(id, cancellationToken).ConfigureAwait(false);
        Reached("previous-stopped");

        if (_options.Engine.IsOnThisHost && PortProbe.IsInUse(_options.Port, _options.ListenAddress))
        {
            var why = $"port {_options.Port} is in use by a process that is not a release of {ServiceLabel}";
            var restored = await _transitions.UndoAsync(release, current, ReleasePhase.Failed, why, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.PortInUse, $"Cannot deploy {request.Version}: {why}. {Restarted(current, restored)}");
        }

        await runtime.StartAsync(newId, cancellationToken).ConfigureAwait(false);
        Reached("started");
        var failure = await new HealthWaiter(runtime, _options).WaitAsync(newId, fresh: true, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            var logs = await runtime.LastLogLinesAsync(newId, 20, cancellationToken).ConfigureAwait(false);
            var why = $"{failure}; last log lines:\n{logs}";
            var restored = await _transitions.UndoAsync(release, current, ReleasePhase.RolledBack, why, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.Unhealthy,
                $"Version {request.Version} of {ServiceLabel} was rolled back to {current?.Version ?? "nothing"}: {why}" +
                (restored is null ? "" : $"\n{Restarted(current, restored)}"));
        }
        release = await _transitions.WriteAsync(ReleaseTransitions.Deployed(release, request), cancellationToken).ConfigureAwait(false);
        sentinel.Dispose();
        Reached("healthy");
        _log.Information("Release {ReleaseId} ({Version}) is healthy", release.ReleaseId, release.Version);
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

    public Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        return _transitions.StatusAsync(cancellationToken);
    }

    public Task<ReleaseInfo> ResumeCanaryAsync(ResumeRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ArgumentNullException.ThrowIfNull(request);
        if (_options.Router is null)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{ServiceLabel} has no traffic router: there is no held canary to resume.");
        var deploy = new RoutedDeploy(_options, _platform, _transitions, _log, Reached);
        return new CanaryResume(ServiceLabel, _options.Router, _transitions, _log).ResumeAsync(request, async (again, canary, stable, resumeAfter) =>
        {
            using var runtime = new ContainerRuntime(_options);
            // Recovery, on entering, undid a hold whose container stopped: this one runs.
            var port = (await runtime.ObserveAsync(cancellationToken).ConfigureAwait(false)).First(i => i.ReleaseId == canary.ReleaseId && i.Running).Port!.Value;
            return await deploy.ContinueCanaryAsync(runtime, again, canary, stable, port, resumeAfter, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static string Restarted(ReleaseRecord? previous, string? failure) => (previous, failure) switch
    {
        (null, _) => "Nothing served before.",
        (_, null) => $"The previous release {previous.ReleaseId} ({previous.Version}) was restarted and is healthy.",
        _ => $"The previous release {previous.ReleaseId} ({previous.Version}) was restarted but is NOT healthy: {failure}",
    };

    private void Reached(string phase)
    {
        _log.Debug("Phase {Phase}", phase);
        PhaseReached?.Invoke(phase);
    }
}
