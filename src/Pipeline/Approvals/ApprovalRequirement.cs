namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// What <c>RequiresApproval</c> recorded on a target: the environment that needs a release manager's
/// approval and who may give it. With <see cref="DeployingTo"/> the approval applies only when the build
/// deploys to that environment (<c>RequiresApproval("production", () => Environment, "alice")</c>).
/// </summary>
public sealed record ApprovalRequirement(string Environment, IReadOnlyList<string> Approvers, Func<string?>? DeployingTo = null)
{
    /// <summary>True when the target, run now, needs this approval.</summary>
    public bool AppliesNow() =>
        DeployingTo is null || string.Equals(DeployingTo(), Environment, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a CI stage that deploys to <paramref name="stageEnvironment"/> must be gated by this approval.</summary>
    public bool AppliesTo(string? stageEnvironment) =>
        string.Equals(stageEnvironment, Environment, StringComparison.OrdinalIgnoreCase);
}
