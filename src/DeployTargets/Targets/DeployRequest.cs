namespace Shipgate.DeployTargets.Targets;

/// <summary>What to deploy: an image by digest (repository@sha256:...), its version and commit, and who asked.</summary>
public sealed record DeployRequest(string Image, string Version, string Commit, string DeployedBy)
{
    /// <summary>Deploy even if this version was rolled back before.</summary>
    public bool Force { get; init; }
}
