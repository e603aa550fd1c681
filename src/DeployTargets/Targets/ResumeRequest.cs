namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// A release manager lets a canary held at a pause until approved (<see cref="CanaryStep.PauseUntilApproved"/>) go on:
/// who approved and how (the ledger records it with the step), and what the next steps need.
/// </summary>
/// <param name="ApprovedBy">who approved, with the mechanism (e.g. "alice (GitHubEnvironmentReview)")</param>
public sealed record ResumeRequest(string ApprovedBy)
{
    /// <summary>The held release (as Status showed it). When set, the resume refuses if another release is held or serves.</summary>
    public string? ReleaseId { get; init; }

    /// <summary>Judges the analysis steps after the pause, as <see cref="DeployRequest.Analyse"/> does.</summary>
    public CanaryAnalysis? Analyse { get; init; }

    /// <summary>As <see cref="DeployRequest.VerifyNext"/>: the caller verifies the release once it has all the traffic.</summary>
    public bool VerifyNext { get; init; }
}
