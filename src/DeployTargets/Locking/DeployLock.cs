using Docker.DotNet.Models;
using Serilog;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Locking;

/// <summary>
/// One deploy per service and environment, held in the engine as a named volume whose labels name the holder.
/// Creating a volume is idempotent and serialised per name by the engine: whoever's token comes back owns it.
/// </summary>
internal sealed class DeployLock(EngineConnection connection, ILogger log)
{
    public const string LockKind = "lock";

    public static string VolumeName(string service, string environment) => $"shipgate-lock.{service}.{environment}";

    /// <summary>
    /// Acquires the lock, waiting up to <paramref name="wait"/> for a live holder; breaks a stale one. A refusal names
    /// the holder (pid, host, since when, what for) and the newest release in the ledger, which is what it works on.
    /// </summary>
    public async Task<Lease> AcquireAsync(string service, string environment, TimeSpan wait, string purpose, CancellationToken cancellationToken)
    {
        var name = VolumeName(service, environment);
        var process = ProcessIdentity.Current;
        var me = new LockHolder(process.Host, process.Pid, process.ProcessStart, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow) { Purpose = purpose };
        var labels = me.ToLabels();
        labels[LedgerLabels.Kind] = LockKind;
        labels[LedgerLabels.Service] = service;
        labels[LedgerLabels.Environment] = environment;
        var deadline = DateTimeOffset.UtcNow + wait;
        using var client = connection.CreateClient();
        while (true)
        {
            var volume = await EngineErrors.Call(connection, $"taking the deploy lock of {service}/{environment}", () =>
                client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels }, cancellationToken)).ConfigureAwait(false);
            var holder = LockHolder.FromLabels(volume.Labels);
            if (holder?.Token == me.Token) return new Lease(connection, name, me);

            var state = LockStaleness.Judge(holder, ProcessProbe.HostIdentity, ProcessProbe.StartOf);
            if (state is LockState.Stale or LockState.Unreadable)
            {
                log.Warning("Breaking the deploy lock of {Service}/{Environment}: its holder ({Holder}) is gone", service, environment, holder?.ToString() ?? "unreadable");
                await RemoveIfTokenAsync(connection, name, holder?.Token, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (DateTimeOffset.UtcNow >= deadline)
                throw await RefusalAsync(service, environment, name, holder, state, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Acquires the lock, calls <paramref name="whenLocked"/>, then runs <paramref name="recover"/> (finishing what a dead
    /// process left in flight) while holding it. The lock is released if either throws; otherwise the caller disposes it.
    /// </summary>
    public async Task<Lease> AcquireAndRecoverAsync(string service, string environment, TimeSpan wait, string purpose,
        Func<CancellationToken, Task> recover, Action? whenLocked, CancellationToken cancellationToken)
    {
        var lease = await AcquireAsync(service, environment, wait, purpose, cancellationToken).ConfigureAwait(false);
        try
        {
            whenLocked?.Invoke();
            await recover(cancellationToken).ConfigureAwait(false);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Who holds the lock now, without taking it; null when it is free.</summary>
    public async Task<LockHolder?> ReadHolderAsync(string service, string environment, CancellationToken cancellationToken)
    {
        using var client = connection.CreateClient();
        try
        {
            var volume = await client.Volumes.InspectAsync(VolumeName(service, environment), cancellationToken).ConfigureAwait(false);
            return LockHolder.FromLabels(volume.Labels);
        }
        catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<DeployTargetException> RefusalAsync(string service, string environment, string name, LockHolder? holder, LockState state,
        CancellationToken cancellationToken)
    {
        var releases = await new LedgerStore(connection).ReadAsync(service, environment, cancellationToken).ConfigureAwait(false);
        var newest = releases.Releases.FirstOrDefault();
        var working = newest is null ? "no release recorded yet" : $"newest release {ReleaseHistory.Describe(newest)}";
        return new DeployTargetException(DeployErrorKind.Locked,
            $"Another release of {service}/{environment} is in progress: lock {name} is held by {holder}; {working}" +
            (state == LockState.HeldElsewhere ? ". The holder runs on another host: remove the volume by hand if that host is gone." : ". Try again when it has finished."));
    }

    private static async Task RemoveIfTokenAsync(EngineConnection connection, string name, string? token, CancellationToken cancellationToken)
    {
        using var client = connection.CreateClient();
        try
        {
            var current = await client.Volumes.InspectAsync(name, cancellationToken).ConfigureAwait(false);
            if (LockHolder.FromLabels(current.Labels)?.Token != token) return;
            await client.Volumes.RemoveAsync(name, force: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Someone else removed it first.
        }
    }

    /// <summary>The held lock; disposing releases it (only if it is still ours).</summary>
    public sealed class Lease(EngineConnection connection, string name, LockHolder holder) : IAsyncDisposable
    {
        public LockHolder Holder => holder;

        public async ValueTask DisposeAsync() => await RemoveIfTokenAsync(connection, name, holder.Token, CancellationToken.None).ConfigureAwait(false);
    }
}
