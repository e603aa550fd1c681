using Shipgate.Gates.Model;

namespace Shipgate.Release.Decisions;

/// <summary>
/// Pure: THE place where a release's fate is decided. Only a Pass promotes. A failed gate or a release that is not
/// healthy rolls back whatever the policy says, because pausing would leave a known-bad release serving. Everything
/// else (Inconclusive, backend down, gates misconfigured, interrupted, crashed) follows the inconclusive policy:
/// roll back, or pause for a release manager. No outcome leaves a release serving unverified without a decision.
/// </summary>
public static class ReleasePolicy
{
    public static ReleaseDecision Decide(VerificationOutcome outcome, InconclusivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome switch
        {
            VerificationOutcome.Analysed { Result.Verdict: Verdict.Pass } => ReleaseDecision.Promote(outcome.Summary),
            VerificationOutcome.Analysed { Result.Verdict: Verdict.Fail } => ReleaseDecision.Rollback(outcome.Summary),
            VerificationOutcome.HealthCheckFailed => ReleaseDecision.Rollback(outcome.Summary),
            _ => FollowPolicy(outcome.Summary, policy),
        };
    }

    private static ReleaseDecision FollowPolicy(string summary, InconclusivePolicy policy) => policy switch
    {
        InconclusivePolicy.Pause => ReleaseDecision.Pause($"{summary} (policy Pause: a release manager runs Promote or Rollback)"),
        _ => ReleaseDecision.Rollback($"{summary} (policy Rollback)"),
    };
}
