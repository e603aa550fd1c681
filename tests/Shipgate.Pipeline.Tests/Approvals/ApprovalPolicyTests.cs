using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Hosts;

namespace Shipgate.Pipeline.Tests.Approvals;

public class ApprovalPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalRequirement Production = new("production", ["alice", "bob"]);

    private static ApprovalContext Context(string host, bool approve = false, bool interactive = false, string user = "carol",
        Dictionary<string, string>? variables = null, params EnvironmentReview[] reviews) =>
        new(host, approve, interactive, user, variables ?? [], reviews, Now);

    [Fact]
    public void Without_a_terminal_and_without_approve_it_is_refused()
    {
        var decision = ApprovalPolicy.Decide("Deploy", Production, Context(TerminalHost.HostName));

        var refused = Assert.IsType<ApprovalDecision.Refused>(decision);
        Assert.Equal("Target 'Deploy' requires approval for 'production' and none was given: no terminal to ask on; pass --approve to approve non-interactively.", refused.Reason);
    }

    [Fact]
    public void On_a_terminal_it_asks_the_local_user()
    {
        var decision = ApprovalPolicy.Decide("Deploy", Production, Context(TerminalHost.HostName, interactive: true, user: "alice"));

        var ask = Assert.IsType<ApprovalDecision.Ask>(decision);
        Assert.Equal("Target 'Deploy' deploys to 'production' (approvers: alice, bob). Approve as 'alice'? [y/N] ", ask.Question);
    }

    [Fact]
    public void Approve_flag_grants_as_the_current_user_and_notes_an_unlisted_approver()
    {
        var decision = ApprovalPolicy.Decide("Deploy", Production, Context(TerminalHost.HostName, approve: true, user: "carol"));

        var approval = Assert.IsType<ApprovalDecision.Granted>(decision).Approval;
        Assert.Equal(new Approval("Deploy", "production", "carol", ApprovalMethod.CommandLineFlag, Now,
            "'carol' is not among the listed approvers (alice, bob); not enforceable outside the CI platform"), approval);
    }

    [Fact]
    public void GitLab_manual_job_on_the_environment_grants_as_the_user_who_started_it()
    {
        var variables = new Dictionary<string, string> { ["CI_JOB_MANUAL"] = "true", ["CI_ENVIRONMENT_NAME"] = "production", ["GITLAB_USER_LOGIN"] = "bob" };

        var approval = Assert.IsType<ApprovalDecision.Granted>(ApprovalPolicy.Decide("Deploy", Production, Context(GitLabCiHost.HostName, variables: variables))).Approval;

        Assert.Equal(("bob", ApprovalMethod.GitLabManualJob), (approval.ApprovedBy, approval.Method));
    }

    [Theory]
    [InlineData("false", "production")]
    [InlineData("true", "staging")]
    public void GitLab_job_that_is_not_manual_on_that_environment_is_refused(string manual, string environment)
    {
        var variables = new Dictionary<string, string> { ["CI_JOB_MANUAL"] = manual, ["CI_ENVIRONMENT_NAME"] = environment, ["GITLAB_USER_LOGIN"] = "bob" };

        var refused = Assert.IsType<ApprovalDecision.Refused>(ApprovalPolicy.Decide("Deploy", Production, Context(GitLabCiHost.HostName, variables: variables)));

        Assert.Contains("manual job on the protected GitLab environment 'production'", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_input_submitter_is_the_approver()
    {
        var variables = new Dictionary<string, string> { [ApprovalPolicy.JenkinsApproverVariable] = "alice" };

        var approval = Assert.IsType<ApprovalDecision.Granted>(ApprovalPolicy.Decide("Deploy", Production, Context(JenkinsHost.HostName, variables: variables))).Approval;

        Assert.Equal(("alice", ApprovalMethod.JenkinsInput), (approval.ApprovedBy, approval.Method));
    }

    [Fact]
    public void GitHub_environment_review_names_the_reviewer_and_a_rejection_or_other_environment_does_not_count()
    {
        var approved = ApprovalPolicy.Decide("Deploy", Production, Context(GitHubActionsHost.HostName, reviews: [new("staging", "dave", true), new("production", "alice", true)]));
        var rejected = ApprovalPolicy.Decide("Deploy", Production, Context(GitHubActionsHost.HostName, reviews: [new("production", "alice", false)]));
        var elsewhere = ApprovalPolicy.Decide("Deploy", Production, Context(GitHubActionsHost.HostName, reviews: [new("staging", "dave", true)]));

        Assert.Equal(("alice", ApprovalMethod.GitHubEnvironmentReview), (Assert.IsType<ApprovalDecision.Granted>(approved).Approval.ApprovedBy, ApprovalMethod.GitHubEnvironmentReview));
        Assert.IsType<ApprovalDecision.Refused>(rejected);
        Assert.IsType<ApprovalDecision.Refused>(elsewhere);
    }

    [Fact]
    public void A_CI_host_never_prompts_even_when_stdin_looks_interactive()
    {
        Assert.IsType<ApprovalDecision.Refused>(ApprovalPolicy.Decide("Deploy", Production, Context(JenkinsHost.HostName, interactive: true)));
    }

    [Theory]
    [InlineData("production", true)]
    [InlineData("PRODUCTION", true)]
    [InlineData("staging", false)]
    [InlineData(null, false)]
    public void A_conditional_approval_applies_only_when_deploying_to_its_environment(string? deployingTo, bool applies)
    {
        Assert.Equal(applies, new ApprovalRequirement("production", [], () => deployingTo).AppliesNow());
    }
}
