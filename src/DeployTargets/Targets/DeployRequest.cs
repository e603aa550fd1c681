namespace Shipgate.DeployTargets.Targets;

/// <summary>What to deploy: an image by digest (repository@sha256:...), its version and commit, and who asked.</summary>
public sealed record DeployRequest(string Image, string Version, string Commit, string DeployedBy)
{
    /// <summary>Deploy even if this version was rolled back before.</summary>
    public bool Force { get; init; }
}

/// <summary>The release passed its gates: who approved and what the verdict was.</summary>
public sealed record PromoteRequest(string ApprovedBy, string Verdict);
