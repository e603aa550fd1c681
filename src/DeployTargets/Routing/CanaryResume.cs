using Serilog;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// A canary held at a pause until approved goes on: under the service's lock (after recovery, which leaves an intact
/// hold alone), the approval is recorded with the step and the release is Deploying again (so a process killed from
/// here on is undone by the next call, as any deploy in flight), then its steps run from the next one as the deploy
/// would have run them (the platform's continuation: <see cref="RoutedDeploy.ContinueCanaryAsync"/> on Docker,
/// <see cref="RoutedRelease.CarryOutAsync"/> on Swarm): an analysis that fails takes it out at once.
/// </summary>
internal sealed class CanaryResume(string service, DockerRouterOptions router, ReleaseTransitions transitions, ILogger log)
{
    /// <summary>The platform runs the canary's steps after the one it was held at, for this request, beside the stable release.</summary>
    public delegate Task<ReleaseInfo> Continuation(DeployRequest request, ReleaseRecord canary, ReleaseRecord stable, (int Step, double Weight) resumeAfter);

    public async Task<ReleaseInfo> ResumeAsync(ResumeRequest request, Continuation continueSteps, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ApprovedBy))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, "A held canary resumes only with an approval: say who approved (ResumeRequest.ApprovedBy).");
        await using var held = await transitions.EnterAsync("resume the canary", whenLocked: null, ct).ConfigureAwait(false);
        var history = await transitions.ReadHistoryAsync(ct).ConfigureAwait(false);
        if (history.Current is not { Phase: ReleasePhase.Held } canary || (request.ReleaseId is { } expected && expected != canary.ReleaseId))
            throw new DeployTargetException(DeployErrorKind.WrongPhase,
                $"No canary of {service} is held awaiting approval{(request.ReleaseId is null ? "" : $" as release {request.ReleaseId}")}: " +
                (history.Current is { } current ? $"the current release is {ReleaseHistory.Describe(current)}." : "nothing serves."));
        var stable = canary.PreviousReleaseId is { } id && history.Find(id) is { } beside && beside.Phase.IsServing()
            ? beside
            : throw new DeployTargetException(DeployErrorKind.WrongPhase, $"The canary {ReleaseHistory.Describe(canary)} of {service} has no stable release serving beside it; roll it back.");
        if (CanaryPlan.ResumeProblem(router.CanarySteps, canary.CanaryStep) is { } problem)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Cannot resume {ReleaseHistory.Describe(canary)} of {service}: {problem}.");

        var approval = CanaryHold.Approval(canary, request.ApprovedBy);
        var resumeAfter = (canary.CanaryStep!.Value, canary.CanaryWeight ?? 0);
        canary = await transitions.WriteAsync(canary with
        {
            Phase = ReleasePhase.Deploying,
            CanaryApprovals = canary.CanaryApprovals is { } before ? $"{before}; {approval}" : approval,
        }, ct).ConfigureAwait(false);
        log.Information("Canary {ReleaseId} ({Version}) resumes after {Where}, approved by {ApprovedBy}", canary.ReleaseId, canary.Version, CanaryHold.Where(canary), request.ApprovedBy);
        var again = new DeployRequest(canary.Image, canary.Version, canary.Commit, canary.DeployedBy) { Analyse = request.Analyse, VerifyNext = request.VerifyNext };
        return await continueSteps(again, canary, stable, resumeAfter).ConfigureAwait(false);
    }
}
