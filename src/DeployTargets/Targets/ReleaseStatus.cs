using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;

namespace Shipgate.DeployTargets.Targets;

/// <summary>What a service runs now, what it would roll back to, and its ledger newest first.</summary>
public sealed record ReleaseStatus(ReleaseInfo? Current, ReleaseRecord? Previous, IReadOnlyList<ReleaseRecord> History)
{
    /// <summary>
    /// What the recovery at the start of the call did (empty when nothing was in flight); the first status through a
    /// release lease also reports what taking the lease recovered.
    /// </summary>
    public IReadOnlyList<string> Recovered { get; init; } = [];

    /// <summary>Who holds the service's deploy lock (a release in progress), when someone does; Status then changes nothing.</summary>
    public LockHolder? HeldBy { get; init; }

    /// <summary>The platform that answered the status.</summary>
    public DeployPlatform Platform { get; init; }
}
