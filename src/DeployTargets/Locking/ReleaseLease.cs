using System.Collections.Concurrent;
using Shipgate.DeployTargets.Engine;

namespace Shipgate.DeployTargets.Locking;

/// <summary>
/// The deploy lock held for a whole release (deploy, verification, promote or rollback). While it is held, this
/// process's own calls on the service pass through it one at a time; every other process is refused at once.
/// </summary>
internal sealed class ReleaseLease : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, ReleaseLease> Held = new(StringComparer.Ordinal);
    private readonly DeployLock.Lease _lock;
    private readonly string _key;
    private int _disposed;

    private IReadOnlyList<string> _unreportedRecovery;

    private ReleaseLease(string key, DeployLock.Lease held, IReadOnlyList<string> recovered)
    {
        _key = key;
        _lock = held;
        _unreportedRecovery = recovered;
    }

    public LockHolder Holder => _lock.Holder;

    /// <summary>Serialises the calls that pass through the lease (a deploy and a status from two threads, say).</summary>
    public SemaphoreSlim Calls { get; } = new(1, 1);

    public static string Key(EngineConnection engine, string service, string environment) => $"{engine.Endpoint}|{service}|{environment}";

    /// <summary>The lease this process holds on the service, if any.</summary>
    public static ReleaseLease? Find(string key) => Held.TryGetValue(key, out var lease) ? lease : null;

    /// <summary>
    /// What taking the lease recovered, once: the first status through the lease reports it, so a release step run on
    /// its own (a separate Verify) tells its sinks about a recovery as a Status would.
    /// </summary>
    public IReadOnlyList<string> TakeUnreportedRecovery() => Interlocked.Exchange(ref _unreportedRecovery, []);

    /// <summary>Registers a lock just taken (and what its recovery did) as this process's lease; refuses a second lease on the same service.</summary>
    public static async Task<ReleaseLease> RegisterAsync(string key, DeployLock.Lease held, string service, IReadOnlyList<string> recovered)
    {
        var lease = new ReleaseLease(key, held, recovered);
        if (Held.TryAdd(key, lease)) return lease;
        await held.DisposeAsync().ConfigureAwait(false);
        throw SecondLease(key, service);
    }

    public static DeployTargetException SecondLease(string key, string service) =>
        new(DeployErrorKind.Locked,
            $"This process already holds the release lease of {service}: held by {Find(key)?.Holder.ToString() ?? "another caller"}. " +
            "One release at a time: dispose the first lease before taking another.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // Wait for a call in progress to finish, so the lock is never released under it.
        await Calls.WaitAsync().ConfigureAwait(false);
        try
        {
            Held.TryRemove(new KeyValuePair<string, ReleaseLease>(_key, this));
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Calls.Release();
        }
    }
}
