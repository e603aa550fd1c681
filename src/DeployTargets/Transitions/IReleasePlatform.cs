using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Transitions;

/// <summary>
/// What <see cref="ReleaseTransitions"/> needs from a platform (Docker, Swarm): the runtime side only. The ledger,
/// the lock, recovery decisions and the phase rules live in the transitions, once.
/// </summary>
internal interface IReleasePlatform
{
    DeployPlatform Platform { get; }

    /// <summary>The service as messages name it (svc/env for Docker, svc-env for Swarm).</summary>
    string ServiceLabel { get; }

    /// <summary>Fails with a clear error when the engine does not answer or cannot run this platform.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>The service's instances the engine reports, each with the release its labels name.</summary>
    Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct);

    /// <summary>Behind a traffic router: the weight of each release's server (by release id); null without a router.</summary>
    Task<IReadOnlyDictionary<string, int>?> ObserveRouterAsync(CancellationToken ct);

    /// <summary>Carries out one runtime step of a recovery plan (never a <see cref="MarkRelease"/>: the ledger is the transitions').</summary>
    Task ExecuteAsync(RecoveryStep step, IReadOnlyList<RecoveryStep> plan, CancellationToken ct);

    /// <summary>
    /// Takes <paramref name="leaving"/> out of service and brings <paramref name="restore"/> (when any) back; returns null
    /// when the restored release is healthy, else why not.
    /// </summary>
    Task<string?> ReplaceAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct);

    /// <summary>After a promote: what the platform no longer needs to keep (older releases' instances).</summary>
    Task AfterPromoteAsync(ReleaseHistory history, ReleaseRecord promoted, CancellationToken ct);

    Task<ReleaseInfo> InfoAsync(ReleaseRecord release, CancellationToken ct);
}
