namespace Shipgate.DeployTargets.Ledger;

/// <summary>
/// Where a release is in its life. Deploying and RollingBack are "in flight": a crash there is recovered.
/// Verifying is in flight too once its verifier process is gone (see <see cref="ReleaseRecord.Verifier"/>).
/// </summary>
public enum ReleasePhase
{
    /// <summary>Recorded; the new version is being pulled, created and started. The previous one may be stopped.</summary>
    Deploying,

    /// <summary>Serving and healthy, waiting for its gates.</summary>
    Healthy,

    /// <summary>Passed its gates (and approval).</summary>
    Promoted,

    /// <summary>Being replaced by its previous release.</summary>
    RollingBack,

    /// <summary>Replaced by its previous release; this version is not deployed again without force.</summary>
    RolledBack,

    /// <summary>Never served: interrupted or refused before it became healthy (e.g. the port was taken).</summary>
    Failed,

    /// <summary>
    /// Serving while a verifier judges it. A verifier that dies here leaves the release to the next call's recovery,
    /// which rolls it back: an unverified release is never left looking healthy.
    /// </summary>
    Verifying,

    /// <summary>Serving, not promoted: its verification could not decide and a person must promote or roll it back.</summary>
    Paused,

    /// <summary>
    /// Served unpromoted until a newer release replaced it; that one was then rolled back past it, to the last promoted
    /// release. It does not serve again unless deployed again (which is allowed: it was never judged).
    /// </summary>
    PassedOver,

    /// <summary>
    /// A canary held at a pause until a release manager approves: it serves its share beside the stable release, whose
    /// share is the rest. Not in flight (no process is gone: the deploy stopped there on purpose and released its lock),
    /// so recovery leaves it alone while it runs and stays in the router; a resume with an approval, or a rollback, ends it.
    /// </summary>
    Held,
}

public static class ReleasePhases
{
    /// <summary>Deploying or RollingBack: recovery always finishes or undoes these (Verifying only when its verifier is gone).</summary>
    public static bool IsInFlight(this ReleasePhase phase) => phase is ReleasePhase.Deploying or ReleasePhase.RollingBack;

    /// <summary>The release's instances serve traffic (verified or not).</summary>
    public static bool IsServing(this ReleasePhase phase) =>
        phase is ReleasePhase.Healthy or ReleasePhase.Verifying or ReleasePhase.Paused or ReleasePhase.Promoted or ReleasePhase.Held;
}
