namespace Shipgate.DeployTargets.Targets;

/// <summary>What to deploy: an image by digest (repository@sha256:...), its version and commit, and who asked.</summary>
public sealed record DeployRequest(string Image, string Version, string Commit, string DeployedBy)
{
    /// <summary>Deploy even if this version was rolled back before.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The caller verifies the release at once: it is recorded Verifying, by this process, the moment it is healthy
    /// (never Healthy in between), so a process killed before its verification began is recovered like one killed
    /// during it — rolled back by the next call — instead of leaving an unverified release serving as if healthy.
    /// </summary>
    public bool VerifyNext { get; init; }

    /// <summary>
    /// Canary: judges each analysis step (the release's gates); required when the steps analyse. A verdict that did not
    /// pass sets the canary's weight to 0 at once, then it is drained and removed and the stable release keeps serving.
    /// </summary>
    public CanaryAnalysis? Analyse { get; init; }
}
