using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// Deploys a service as one container on one Docker engine. A deploy is a sequence of phases, each recorded in the
/// ledger before the engine is changed, so a process killed at any point leaves a state that
/// <see cref="RecoveryPlanner"/> can finish or undo.
/// </summary>
public sealed class DockerTarget : IDeployTarget
{
    private readonly DockerTargetOptions _options;
    private readonly ILogger _log;
    private readonly LedgerStore _ledger;
    private readonly DeployLock _lock;

    public DockerTarget(DockerTargetOptions options, ILogger? log = null)
    {
        _options = options;
        _log = (log ?? Serilog.Core.Logger.None).ForContext("Service", $"{options.Service}/{options.Environment}");
        _ledger = new LedgerStore(options.Engine);
        _lock = new DeployLock(options.Engine, _log);
    }

    /// <summary>The service as messages name it.</summary>
    private string ServiceLabel => $"{_options.Service}/{_options.Environment}";

    /// <summary>Raised as each deploy phase is reached (locked, pulled, recorded, created, previous-stopped, started, healthy).</summary>
    public event Action<string>? PhaseReached;

    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ImageReferences.RequireDigest(request.Image);
        using var runtime = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(runtime, () => Reached("locked"), cancellationToken).ConfigureAwait(false);

        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        history.RefuseIfRolledBack(request, ServiceLabel);
        var current = history.Current;

        await runtime.PullAsync(request.Image, cancellationToken).ConfigureAwait(false);
        Reached("pulled");
        var release = await _ledger.WriteAsync(ReleaseRecord.Deploying(_options.Service, _options.Environment, request, current, DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
        Reached("recorded");

        var newId = await runtime.CreateAsync(release, cancellationToken).ConfigureAwait(false);
        Reached("created");
        var instances = await runtime.ObserveAsync(cancellationToken).ConfigureAwait(false);
        foreach (var running in instances.Where(i => i.Running && i.Id != newId))
            await runtime.StopAsync(running.Id, cancellationToken).ConfigureAwait(false);
        Reached("previous-stopped");

        if (PortProbe.IsInUse(_options.Port))
        {
            var why = $"port {_options.Port} is in use by a process that is not a release of {ServiceLabel}";
            await UndoAsync(runtime, release, newId, current, ReleasePhase.Failed, why, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.PortInUse, $"Cannot deploy {request.Version}: {why}. The previous release was restarted.");
        }

        await runtime.StartAsync(newId, cancellationToken).ConfigureAwait(false);
        Reached("started");
        var failure = await new HealthWaiter(runtime, _options).WaitAsync(newId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            var logs = await runtime.LastLogLinesAsync(newId, 20, cancellationToken).ConfigureAwait(false);
            var why = $"{failure}; last log lines:\n{logs}";
            await UndoAsync(runtime, release, newId, current, ReleasePhase.RolledBack, why, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.Unhealthy,
                $"Version {request.Version} of {ServiceLabel} was rolled back to {current?.Version ?? "nothing"}: {why}");
        }
        release = await _ledger.WriteAsync(release with { Phase = ReleasePhase.Healthy }, cancellationToken).ConfigureAwait(false);
        Reached("healthy");
        _log.Information("Release {ReleaseId} ({Version}) is healthy", release.ReleaseId, release.Version);
        return await InfoAsync(runtime, release, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var runtime = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(runtime, whenLocked: null, cancellationToken).ConfigureAwait(false);
        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.RequireCurrent("promote", ServiceLabel);
        var promoted = await _ledger.WriteAsync(current with { Phase = ReleasePhase.Promoted, ApprovedBy = request.ApprovedBy, Verdict = request.Verdict },
            cancellationToken).ConfigureAwait(false);
        // Keep the release to roll back to; older containers are no longer needed (the ledger keeps their digests).
        var keep = new[] { current.ReleaseId, history.RollbackTargetOf(current)?.ReleaseId };
        foreach (var old in (await runtime.ObserveAsync(cancellationToken).ConfigureAwait(false)).Where(i => !keep.Contains(i.ReleaseId)))
            await runtime.RemoveAsync(old.Id, cancellationToken).ConfigureAwait(false);
        return await InfoAsync(runtime, promoted, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var runtime = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(runtime, whenLocked: null, cancellationToken).ConfigureAwait(false);
        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.RequireCurrent("roll back", ServiceLabel);
        var target = history.RequireRollbackTargetOf(current, ServiceLabel);
        var own = (await runtime.ObserveAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.ReleaseId == current.ReleaseId);
        await UndoAsync(runtime, current, own?.Id, target, ReleasePhase.RolledBack, reason, cancellationToken).ConfigureAwait(false);
        return await InfoAsync(runtime, target, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var runtime = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> recovered = [];
        try
        {
            await using var held = await _lock.AcquireAsync(_options.Service, _options.Environment, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            recovered = await RecoverAsync(runtime, cancellationToken).ConfigureAwait(false);
        }
        catch (DeployTargetException e) when (e.Kind == DeployErrorKind.Locked)
        {
            // A deploy is running: report what the ledger says without touching anything.
        }
        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.Current is { } c ? await InfoAsync(runtime, c, cancellationToken).ConfigureAwait(false) : null;
        return new ReleaseStatus(current, history.Current is { } cur ? history.RollbackTargetOf(cur) : null, history.Releases) { Recovered = recovered };
    }

    /// <summary>A runtime whose engine answered; disposed again if it did not.</summary>
    private async Task<ContainerRuntime> ConnectAsync(CancellationToken ct)
    {
        var runtime = new ContainerRuntime(_options);
        try
        {
            await runtime.PingAsync(ct).ConfigureAwait(false);
            return runtime;
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    private Task<IAsyncDisposable> LockAndRecoverAsync(ContainerRuntime runtime, Action? whenLocked, CancellationToken ct) =>
        _lock.AcquireAndRecoverAsync(_options.Service, _options.Environment, _options.LockWait, c => RecoverAsync(runtime, c), whenLocked, ct);

    private Task<ReleaseHistory> ReadHistoryAsync(CancellationToken ct) => _ledger.ReadAsync(_options.Service, _options.Environment, ct);

    /// <summary>Marks the release as leaving, removes its container, brings <paramref name="restore"/> back, and records the outcome.</summary>
    private async Task UndoAsync(ContainerRuntime runtime, ReleaseRecord release, string? containerId, ReleaseRecord? restore,
        ReleasePhase outcome, string reason, CancellationToken ct)
    {
        _log.Warning("Undoing release {ReleaseId} ({Version}): {Reason}", release.ReleaseId, release.Version, reason);
        release = await _ledger.WriteAsync(release with { Phase = ReleasePhase.RollingBack, Reason = reason }, ct).ConfigureAwait(false);
        if (containerId is not null) await runtime.RemoveAsync(containerId, ct).ConfigureAwait(false);
        if (restore is not null)
        {
            var existing = (await runtime.ObserveAsync(ct).ConfigureAwait(false)).FirstOrDefault(i => i.ReleaseId == restore.ReleaseId);
            await RestoreAsync(runtime, restore, existing?.Id, ct).ConfigureAwait(false);
        }
        await _ledger.WriteAsync(release with { Phase = outcome, Reason = reason }, ct).ConfigureAwait(false);
    }

    private async Task RestoreAsync(ContainerRuntime runtime, ReleaseRecord release, string? existingId, CancellationToken ct)
    {
        var id = existingId;
        if (id is null)
        {
            await runtime.PullAsync(release.Image, ct).ConfigureAwait(false);
            id = await runtime.CreateAsync(release, ct).ConfigureAwait(false);
        }
        await runtime.StartAsync(id, ct).ConfigureAwait(false);
        var failure = await new HealthWaiter(runtime, _options).WaitAsync(id, ct).ConfigureAwait(false);
        if (failure is not null)
            _log.Error("Restored release {ReleaseId} ({Version}) is not healthy: {Failure}", release.ReleaseId, release.Version, failure);
    }

    /// <summary>Carries out the recovery plan for whatever a dead process left behind; returns what was done.</summary>
    private async Task<IReadOnlyList<string>> RecoverAsync(ContainerRuntime runtime, CancellationToken ct)
    {
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var plan = RecoveryPlanner.Plan(history, await runtime.ObserveAsync(ct).ConfigureAwait(false));
        foreach (var step in plan)
        {
            _log.Warning("Recovery: {Why}", step.Why);
            switch (step)
            {
                case RemoveInstance remove:
                    await runtime.RemoveAsync(remove.Id, ct).ConfigureAwait(false);
                    break;
                case StopInstance stop:
                    await runtime.StopAsync(stop.Id, ct).ConfigureAwait(false);
                    break;
                case MarkRelease mark:
                    await _ledger.WriteAsync(mark.Release with { Phase = mark.Phase, Reason = mark.Reason }, ct).ConfigureAwait(false);
                    break;
                case RestoreRelease restore:
                    await RestoreAsync(runtime, restore.Release, restore.ExistingInstanceId, ct).ConfigureAwait(false);
                    break;
            }
        }
        return plan.Select(s => s.Why).ToList();
    }

    private async Task<ReleaseInfo> InfoAsync(ContainerRuntime runtime, ReleaseRecord release, CancellationToken ct)
    {
        var instances = (await runtime.ListAsync(ct).ConfigureAwait(false))
            .Where(c => c.Labels.Label(LedgerLabels.ReleaseId) == release.ReleaseId)
            .Select(c => new InstanceStatus(c.ID, c.State, null, c.Status))
            .ToList();
        return new ReleaseInfo(release, instances);
    }

    private void Reached(string phase)
    {
        _log.Debug("Phase {Phase}", phase);
        PhaseReached?.Invoke(phase);
    }
}
