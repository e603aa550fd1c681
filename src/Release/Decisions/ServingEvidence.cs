using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;

namespace Shipgate.Release.Decisions;

/// <summary>
/// What the platform saw while the gates measured: a release whose containers restarted (a crash loop, an engine
/// restart) or that stopped serving was not healthy all along, whatever its metrics say. Only a pass can be changed,
/// and only into a failed health check; a failure or an inconclusive verdict already says enough.
/// </summary>
public static class ServingEvidence
{
    /// <summary>Verification requests that got no answer (more than 1%: a crash loop, an engine restart) fail a pass.</summary>
    public static VerificationOutcome Apply(VerificationOutcome outcome, Flow.TrafficReport traffic)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(traffic);
        return traffic.ShowsOutage && outcome is VerificationOutcome.Analysed { Result.Verdict: Verdict.Pass }
            ? new VerificationOutcome.HealthCheckFailed($"{traffic.Unanswered} of {traffic.Sent} verification requests got no answer: the release was unreachable for part of its verification")
            : outcome;
    }

    /// <param name="outcome">What the verification decided.</param>
    /// <param name="before">The release as verification began.</param>
    /// <param name="after">What serves now; null when nothing does.</param>
    public static VerificationOutcome Apply(VerificationOutcome outcome, ReleaseInfo before, ReleaseInfo? after)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(before);
        if (outcome is not VerificationOutcome.Analysed { Result.Verdict: Verdict.Pass })
            return outcome;
        if (after is null || after.ReleaseId != before.ReleaseId)
            return new VerificationOutcome.HealthCheckFailed($"{before.Version} no longer serves after its verification (now: {after?.Version ?? "nothing"})");
        // An engine restart stops and starts the containers without counting a restart: a new start time says so.
        var startedAgain = after.Instances.Count(i => before.Instances.Any(b => b.Id == i.Id && b.StartedAt is { } was && i.StartedAt is { } now && now != was));
        var restarts = Math.Max(after.Restarts - before.Restarts, startedAgain);
        return restarts > 0
            ? new VerificationOutcome.HealthCheckFailed($"{before.Version} restarted {restarts} time{(restarts == 1 ? "" : "s")} during its verification: it was not serving all along")
            : outcome;
    }
}
