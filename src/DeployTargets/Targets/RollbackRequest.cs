namespace Shipgate.DeployTargets.Targets;

/// <summary>Return to the previous release, and why.</summary>
public sealed record RollbackRequest(string Reason)
{
    /// <summary>The release the caller verified and means to roll back. When set, rollback refuses
    /// (<see cref="DeployErrorKind.ReleaseMismatch"/>) if another release serves now; when null, the serving release goes.</summary>
    public string? ExpectedReleaseId { get; init; }
}
