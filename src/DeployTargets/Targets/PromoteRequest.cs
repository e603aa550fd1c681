namespace Shipgate.DeployTargets.Targets;

/// <summary>The release passed its gates: who approved and what the verdict was.</summary>
public sealed record PromoteRequest(string ApprovedBy, string Verdict)
{
    /// <summary>The release that was verified. When set, promote refuses (<see cref="DeployErrorKind.ReleaseMismatch"/>)
    /// if another release serves now; when null, the serving release is promoted.</summary>
    public string? ReleaseId { get; init; }
}
