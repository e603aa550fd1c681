using Shipgate.Pipeline.Hosts;

namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// Decides whether a target that requires approval may run. Pure: everything it knows is in the
/// <see cref="ApprovalContext"/>. Platform evidence first (the platform enforces who may approve), then
/// <c>--approve</c>, then a prompt on an interactive terminal; anything else is refused.
/// </summary>
public static class ApprovalPolicy
{
    /// <summary>Set by the generated Jenkinsfile from the <c>input</c> step's submitter.</summary>
    public const string JenkinsApproverVariable = "SHIPGATE_APPROVED_BY";

    public static ApprovalDecision Decide(string target, ApprovalRequirement requirement, ApprovalContext context)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(context);
        var environment = requirement.Environment;
        Approval Grant(string who, ApprovalMethod method, string note) => new(target, environment, who, method, context.Now, note);

        var platform = PlatformEvidence(requirement, context);
        if (platform is { } evidence)
            return new ApprovalDecision.Granted(Grant(evidence.Who, evidence.Method, "enforced by the CI platform"));

        if (context.ApproveFlag)
            return new ApprovalDecision.Granted(Grant(context.User, ApprovalMethod.CommandLineFlag, ListedNote(requirement, context.User)));

        if (context.IsInteractive && context.Host == TerminalHost.HostName)
        {
            var approvers = requirement.Approvers.Count > 0 ? $" (approvers: {string.Join(", ", requirement.Approvers)})" : "";
            return new ApprovalDecision.Ask($"Target '{target}' deploys to '{environment}'{approvers}. Approve as '{context.User}'? [y/N] ", context.User);
        }

        return new ApprovalDecision.Refused(
            $"Target '{target}' requires approval for '{environment}' and none was given: {HowToApprove(context.Host, environment)}");
    }

    /// <summary>The note an interactive "yes" is recorded with.</summary>
    public static Approval Answered(string target, ApprovalRequirement requirement, ApprovalContext context)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(context);
        return new Approval(target, requirement.Environment, context.User, ApprovalMethod.TerminalPrompt, context.Now, ListedNote(requirement, context.User));
    }

    private static (string Who, ApprovalMethod Method)? PlatformEvidence(ApprovalRequirement requirement, ApprovalContext context)
    {
        var variables = context.Variables;
        string? Variable(string name) => variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        bool SameEnvironment(string? name) => string.Equals(name, requirement.Environment, StringComparison.OrdinalIgnoreCase);

        return context.Host switch
        {
            // A manual job on the protected environment: GitLab lets only allowed deployers start it, and names the one who did.
            GitLabCiHost.HostName when Variable("CI_JOB_MANUAL") == "true" && SameEnvironment(Variable("CI_ENVIRONMENT_NAME")) && Variable("GITLAB_USER_LOGIN") is { } login
                => (login, ApprovalMethod.GitLabManualJob),
            JenkinsHost.HostName when Variable(JenkinsApproverVariable) is { } submitter
                => (submitter, ApprovalMethod.JenkinsInput),
            GitHubActionsHost.HostName when context.GitHubReviews.LastOrDefault(review => SameEnvironment(review.Environment)) is { Approved: true } review
                => (review.Reviewer, ApprovalMethod.GitHubEnvironmentReview),
            _ => null,
        };
    }

    private static string ListedNote(ApprovalRequirement requirement, string user) =>
        requirement.Approvers.Count == 0 ? "no approvers listed"
        : requirement.Approvers.Contains(user, StringComparer.OrdinalIgnoreCase) ? "listed approver"
        : $"'{user}' is not among the listed approvers ({string.Join(", ", requirement.Approvers)}); not enforceable outside the CI platform";

    private static string HowToApprove(string host, string environment) => host switch
    {
        GitHubActionsHost.HostName => $"run the job in the GitHub environment '{environment}' with required reviewers (and GITHUB_TOKEN so the review can be read), or pass --approve.",
        GitLabCiHost.HostName => $"run it as the manual job on the protected GitLab environment '{environment}', or pass --approve.",
        JenkinsHost.HostName => $"run it after the 'input' step with a submitter (it sets {JenkinsApproverVariable}), or pass --approve.",
        _ => "no terminal to ask on; pass --approve to approve non-interactively.",
    };
}
