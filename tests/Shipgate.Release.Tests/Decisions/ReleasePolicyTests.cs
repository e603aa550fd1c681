using Shipgate.Gates.Model;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Tests.Decisions;

public sealed class ReleasePolicyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    /// <summary>Every outcome a verification can end with, by name.</summary>
    private static readonly Dictionary<string, VerificationOutcome> Outcomes = new()
    {
        ["pass"] = Analysed(Verdict.Pass),
        ["fail"] = Analysed(Verdict.Fail),
        ["inconclusive"] = Analysed(Verdict.Inconclusive),
        ["backend unavailable"] = new VerificationOutcome.BackendUnavailable("connection refused"),
        ["misconfigured"] = new VerificationOutcome.Misconfigured("parse error at char 4"),
        ["health check failed"] = new VerificationOutcome.HealthCheckFailed("3 of 100 requests got no answer"),
        ["interrupted"] = new VerificationOutcome.Interrupted("SIGTERM"),
        ["crashed"] = new VerificationOutcome.Crashed("IOException: disk full"),
    };

    public static TheoryData<string, InconclusivePolicy, ReleaseAction> EveryOutcomeAndPolicy => new()
    {
        { "pass", InconclusivePolicy.Rollback, ReleaseAction.Promote },
        { "pass", InconclusivePolicy.Pause, ReleaseAction.Promote },
        { "fail", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "fail", InconclusivePolicy.Pause, ReleaseAction.Rollback },
        { "inconclusive", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "inconclusive", InconclusivePolicy.Pause, ReleaseAction.Pause },
        { "backend unavailable", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "backend unavailable", InconclusivePolicy.Pause, ReleaseAction.Pause },
        { "misconfigured", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "misconfigured", InconclusivePolicy.Pause, ReleaseAction.Pause },
        { "health check failed", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "health check failed", InconclusivePolicy.Pause, ReleaseAction.Rollback },
        { "interrupted", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "interrupted", InconclusivePolicy.Pause, ReleaseAction.Pause },
        { "crashed", InconclusivePolicy.Rollback, ReleaseAction.Rollback },
        { "crashed", InconclusivePolicy.Pause, ReleaseAction.Pause },
    };

    [Theory]
    [MemberData(nameof(EveryOutcomeAndPolicy))]
    public void Every_outcome_and_policy_has_one_decision(string outcome, InconclusivePolicy policy, ReleaseAction expected)
    {
        var decision = ReleasePolicy.Decide(Outcomes[outcome], policy);

        Assert.Equal(expected, decision.Action);
        Assert.Contains(Outcomes[outcome].Summary, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_covers_every_outcome_with_both_policies()
    {
        var covered = EveryOutcomeAndPolicy.Select(row => ((string)row[0], (InconclusivePolicy)row[1])).ToHashSet();

        foreach (var outcome in Outcomes.Keys)
        {
            foreach (var policy in Enum.GetValues<InconclusivePolicy>())
                Assert.Contains((outcome, policy), covered);
        }

        var kinds = typeof(VerificationOutcome).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(VerificationOutcome))).ToHashSet();
        Assert.Equal(kinds, Outcomes.Values.Select(o => o.GetType()).ToHashSet());
    }

    [Fact]
    public void Only_a_pass_promotes()
    {
        foreach (var (name, outcome) in Outcomes.Where(o => o.Key != "pass"))
        {
            foreach (var policy in Enum.GetValues<InconclusivePolicy>())
                Assert.NotEqual(ReleaseAction.Promote, ReleasePolicy.Decide(outcome, policy).Action);
        }
    }

    [Fact]
    public void The_reason_says_which_policy_decided()
    {
        var paused = ReleasePolicy.Decide(new VerificationOutcome.BackendUnavailable("connection refused"), InconclusivePolicy.Pause);

        Assert.Equal("the metrics backend is unavailable: connection refused (policy Pause: a release manager runs Promote or Rollback)", paused.Reason);
    }

    private static VerificationOutcome.Analysed Analysed(Verdict verdict) =>
        new(new AnalysisResult(verdict, [$"gate error-rate: {verdict}"], InconclusivePolicy.Rollback, ReleaseAction.Rollback, Now, Now, []));
}
