namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// The facts an approval decision depends on, gathered by <see cref="ApprovalGate"/> so that
/// <see cref="ApprovalPolicy"/> stays a pure function.
/// </summary>
/// <param name="Host">The build host's name (Terminal, GitHubActions, GitLab, Jenkins).</param>
/// <param name="ApproveFlag"><c>--approve</c> was given.</param>
/// <param name="IsInteractive">A person can answer on the terminal (stdin is a terminal, not CI).</param>
/// <param name="User">Who runs the build: the CI actor, or the local user.</param>
/// <param name="Variables">The process environment (GitLab's CI_JOB_MANUAL, Jenkins' SHIPGATE_APPROVED_BY…).</param>
/// <param name="GitHubReviews">Environment reviews of the current GitHub run, when a token could read them.</param>
/// <param name="Now">The time an approval is recorded with.</param>
public sealed record ApprovalContext(
    string Host,
    bool ApproveFlag,
    bool IsInteractive,
    string User,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyList<EnvironmentReview> GitHubReviews,
    DateTimeOffset Now);

/// <summary>One review of a GitHub deployment protection rule: who approved or rejected which environment.</summary>
public sealed record EnvironmentReview(string Environment, string Reviewer, bool Approved);
