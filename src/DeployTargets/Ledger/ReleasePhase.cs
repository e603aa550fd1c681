namespace Shipgate.DeployTargets.Ledger;

/// <summary>Where a release is in its life. Deploying and RollingBack are "in flight": a crash there is recovered.</summary>
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
}

public static class ReleasePhases
{
    public static bool IsInFlight(this ReleasePhase phase) => phase is ReleasePhase.Deploying or ReleasePhase.RollingBack;

    public static bool IsServing(this ReleasePhase phase) => phase is ReleasePhase.Healthy or ReleasePhase.Promoted;
}
