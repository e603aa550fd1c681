using Serilog;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Transitions;

/// <summary>
/// The release transaction every platform shares: lock (or this process's release lease) → recover what a dead
/// process left → ledger phases (Verifying, Paused, Promoted, RollingBack → RolledBack) with their preconditions.
/// The platform (<see cref="IReleasePlatform"/>) only changes the runtime; every ledger write is made here or by the
/// deploys through <see cref="WriteAsync"/>.
/// </summary>
internal sealed class ReleaseTransitions
{
    private readonly EngineConnection _engine;
    private readonly string _service;
    private readonly string _environment;
    private readonly TimeSpan _lockWait;
    private readonly IReleasePlatform _platform;
    private readonly ILogger _log;
    private readonly LedgerStore _ledger;
    private readonly DeployLock _lock;

    public ReleaseTransitions(EngineConnection engine, string service, string environment, TimeSpan lockWait, IReleasePlatform platform, ILogger log)
    {
        (_engine, _service, _environment, _lockWait, _platform, _log) = (engine, service, environment, lockWait, platform, log);
        _ledger = new LedgerStore(engine);
        _lock = new DeployLock(engine, log);
    }

    private string LeaseKey => ReleaseLease.Key(_engine, _service, _environment);

    public Task<ReleaseHistory> ReadHistoryAsync(CancellationToken ct) => _ledger.ReadAsync(_service, _environment, ct);

    /// <summary>Writes the record as the next revision of its release.</summary>
    public Task<ReleaseRecord> WriteAsync(ReleaseRecord record, CancellationToken ct) => _ledger.WriteAsync(record, ct);

    /// <summary>
    /// Connects, takes the lock (or passes through this process's lease, one call at a time) and recovers. Dispose the
    /// result to release the lock.
    /// </summary>
    public async Task<IAsyncDisposable> EnterAsync(string purpose, Action? whenLocked, CancellationToken ct)
    {
        await _platform.ConnectAsync(ct).ConfigureAwait(false);
        if (ReleaseLease.Find(LeaseKey) is { } lease)
        {
            await lease.Calls.WaitAsync(ct).ConfigureAwait(false);
            var pass = new PassThrough(lease);
            try
            {
                whenLocked?.Invoke();
                await RecoverAsync(ct).ConfigureAwait(false);
                return pass;
            }
            catch
            {
                await pass.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return await _lock.AcquireAndRecoverAsync(_service, _environment, _lockWait, purpose, RecoverAsync, whenLocked, ct).ConfigureAwait(false);
    }

    /// <summary>Takes the lock for a whole release, refusing at once when anyone (this process included) holds it; then recovers.</summary>
    public async Task<IAsyncDisposable> AcquireLeaseAsync(string holder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(holder))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, "A release lease needs a holder: say who holds it (e.g. \"Deploy 1.2.3 by ci\").");
        if (ReleaseLease.Find(LeaseKey) is not null) throw ReleaseLease.SecondLease(LeaseKey, _platform.ServiceLabel);
        await _platform.ConnectAsync(ct).ConfigureAwait(false);
        IReadOnlyList<string> recovered = [];
        var held = await _lock.AcquireAndRecoverAsync(_service, _environment, TimeSpan.Zero, holder,
            async c => recovered = await RecoverAsync(c).ConfigureAwait(false), whenLocked: null, ct).ConfigureAwait(false);
        var lease = await ReleaseLease.RegisterAsync(LeaseKey, held, _platform.ServiceLabel, recovered).ConfigureAwait(false);
        _log.Information("Release lease of {Service} taken: {Holder}", _platform.ServiceLabel, lease.Holder);
        return lease;
    }

    /// <summary>A release that became healthy: Healthy, or Verifying by this process when the caller verifies next.</summary>
    public static ReleaseRecord Deployed(ReleaseRecord release, DeployRequest request) => request.VerifyNext
        ? release with { Phase = ReleasePhase.Verifying, Verifier = ProcessIdentity.Current }
        : release with { Phase = ReleasePhase.Healthy };

    public async Task<ReleaseInfo> BeginVerificationAsync(string releaseId, CancellationToken ct)
    {
        await using var held = await EnterAsync($"verify {releaseId}", whenLocked: null, ct).ConfigureAwait(false);
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var current = history.RequireCurrent("verify", _platform.ServiceLabel, releaseId);
        var me = ProcessIdentity.Current;
        if (current.Phase == ReleasePhase.Verifying && current.Verifier == me)
            return await _platform.InfoAsync(current, ct).ConfigureAwait(false);
        if (current.Phase is not (ReleasePhase.Healthy or ReleasePhase.Paused))
            throw new DeployTargetException(DeployErrorKind.WrongPhase,
                $"Cannot verify release {ReleaseHistory.Describe(current)} of {_platform.ServiceLabel}: only a Healthy or Paused release is verified" +
                (current.Phase == ReleasePhase.Verifying ? $" (it is being verified by {current.Verifier?.ToString() ?? "an unknown process"})." : "."));
        var verifying = await WriteAsync(current with { Phase = ReleasePhase.Verifying, Verifier = me }, ct).ConfigureAwait(false);
        _log.Information("Release {ReleaseId} ({Version}) is being verified by {Verifier}", verifying.ReleaseId, verifying.Version, me);
        return await _platform.InfoAsync(verifying, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> PauseAsync(string releaseId, string verdict, string reason, CancellationToken ct)
    {
        await using var held = await EnterAsync($"pause {releaseId}", whenLocked: null, ct).ConfigureAwait(false);
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var current = history.RequireCurrent("pause", _platform.ServiceLabel, releaseId);
        if (current.Phase != ReleasePhase.Verifying)
            throw new DeployTargetException(DeployErrorKind.WrongPhase,
                $"Cannot pause release {ReleaseHistory.Describe(current)} of {_platform.ServiceLabel}: only a release being verified is paused.");
        var paused = await WriteAsync(current with { Phase = ReleasePhase.Paused, Verdict = verdict, Reason = reason, Verifier = null }, ct).ConfigureAwait(false);
        _log.Warning("Release {ReleaseId} ({Version}) is paused ({Verdict}): {Reason}", paused.ReleaseId, paused.Version, verdict, reason);
        return await _platform.InfoAsync(paused, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken ct)
    {
        await using var held = await EnterAsync("promote", whenLocked: null, ct).ConfigureAwait(false);
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var current = history.RequireCurrent("promote", _platform.ServiceLabel, request.ReleaseId);
        if (current.Phase == ReleasePhase.Held) throw CanaryHold.Blocks("promote", current, _platform.ServiceLabel);
        var promoted = await WriteAsync(current with { Phase = ReleasePhase.Promoted, ApprovedBy = request.ApprovedBy, Verdict = request.Verdict, Verifier = null },
            ct).ConfigureAwait(false);
        await _platform.AfterPromoteAsync(history, promoted, ct).ConfigureAwait(false);
        return await _platform.InfoAsync(promoted, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> RollbackAsync(RollbackRequest request, CancellationToken ct)
    {
        await using var held = await EnterAsync("roll back", whenLocked: null, ct).ConfigureAwait(false);
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var current = history.RequireCurrent("roll back", _platform.ServiceLabel, request.ExpectedReleaseId);
        var target = history.RequireRollbackTargetOf(current, _platform.ServiceLabel);
        var failure = await UndoAsync(current, target, ReleasePhase.RolledBack, request.Reason, ct).ConfigureAwait(false);
        if (failure is not null)
            throw new DeployTargetException(DeployErrorKind.Unhealthy,
                $"Release {current.ReleaseId} ({current.Version}) of {_platform.ServiceLabel} was rolled back, but the restored release {target.ReleaseId} ({target.Version}) is not healthy: {failure}");
        return await _platform.InfoAsync(target, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks <paramref name="release"/> RollingBack, lets the platform replace it with <paramref name="restore"/>, and records
    /// <paramref name="outcome"/>. Returns null when the restored release is healthy (or there is none), else why not.
    /// </summary>
    public async Task<string?> UndoAsync(ReleaseRecord release, ReleaseRecord? restore, ReleasePhase outcome, string reason, CancellationToken ct)
    {
        _log.Warning("Undoing release {ReleaseId} ({Version}): {Reason}", release.ReleaseId, release.Version, reason);
        release = await WriteAsync(release with { Phase = ReleasePhase.RollingBack, Reason = reason, Verifier = null }, ct).ConfigureAwait(false);
        await PassOverAsync(release, restore, ct).ConfigureAwait(false);
        var failure = await _platform.ReplaceAsync(release, restore, ct).ConfigureAwait(false);
        await WriteAsync(release with { Phase = outcome, Reason = reason }, ct).ConfigureAwait(false);
        return failure;
    }

    /// <summary>
    /// Marks <see cref="ReleasePhase.PassedOver"/> the unpromoted releases between <paramref name="leaving"/> and
    /// <paramref name="restore"/> (before the engine changes), so none of them looks current once the restore serves.
    /// </summary>
    public async Task PassOverAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        foreach (var passed in history.PassedOverBy(leaving, restore))
        {
            _log.Warning("Release {ReleaseId} ({Version}) was never promoted: passed over on the way back to {Target}", passed.ReleaseId, passed.Version, restore?.ReleaseId);
            await WriteAsync(passed with { Phase = ReleasePhase.PassedOver, Reason = ReleaseHistory.PassedOverReason(leaving, restore), Verifier = null }, ct).ConfigureAwait(false);
        }
    }

    public async Task<ReleaseStatus> StatusAsync(CancellationToken ct)
    {
        await _platform.ConnectAsync(ct).ConfigureAwait(false);
        IReadOnlyList<string> recovered = [];
        LockHolder? heldBy = null;
        if (ReleaseLease.Find(LeaseKey) is { } lease)
        {
            await lease.Calls.WaitAsync(ct).ConfigureAwait(false);
            await using var pass = new PassThrough(lease);
            recovered = [.. lease.TakeUnreportedRecovery(), .. await RecoverAsync(ct).ConfigureAwait(false)];
            heldBy = lease.Holder;
        }
        else
        {
            try
            {
                await using var held = await _lock.AcquireAsync(_service, _environment, TimeSpan.Zero, "status", ct).ConfigureAwait(false);
                recovered = await RecoverAsync(ct).ConfigureAwait(false);
            }
            catch (DeployTargetException e) when (e.Kind == DeployErrorKind.Locked)
            {
                // A release is in progress: report what the ledger says without touching anything.
                heldBy = await _lock.ReadHolderAsync(_service, _environment, ct).ConfigureAwait(false);
            }
        }
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var current = history.Current is { } c ? await _platform.InfoAsync(c, ct).ConfigureAwait(false) : null;
        return new ReleaseStatus(current, history.Current is { } cur ? history.RollbackTargetOf(cur) : null, history.Releases)
        {
            Recovered = recovered,
            HeldBy = heldBy,
            Platform = _platform.Platform,
        };
    }

    /// <summary>Carries out the recovery plan for whatever a dead process left behind; returns what was done.</summary>
    private async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken ct)
    {
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var abandoned = RecoveryPlanner.AbandonedVerifications(history, p => LockStaleness.JudgeProcess(p, ProcessProbe.HostIdentity, ProcessProbe.StartOf));
        var plan = RecoveryPlanner.Plan(history, await _platform.ObserveAsync(ct).ConfigureAwait(false), abandoned,
            await _platform.ObserveRouterAsync(ct).ConfigureAwait(false));
        foreach (var step in plan)
        {
            _log.Warning("Recovery of {Service}: {Why}", _platform.ServiceLabel, step.Why);
            if (step is MarkRelease mark)
                await WriteAsync(mark.Release with { Phase = mark.Phase, Reason = mark.Reason, Verifier = null }, ct).ConfigureAwait(false);
            else
                await _platform.ExecuteAsync(step, plan, ct).ConfigureAwait(false);
        }
        return plan.Select(s => s.Why).ToList();
    }

    /// <summary>A call passing through this process's lease: releases the lease's call slot on dispose.</summary>
    private sealed class PassThrough(ReleaseLease lease) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) lease.Calls.Release();
            return ValueTask.CompletedTask;
        }
    }
}
