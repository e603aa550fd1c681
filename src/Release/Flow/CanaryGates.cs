using Serilog;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Decisions;
using Shipgate.Release.Events;

namespace Shipgate.Release.Flow;

/// <summary>
/// The analysis of a canary step (<see cref="CanaryAnalysis"/>): the release's gates, run by the same
/// <see cref="VerificationSession"/> as Verify (with its traffic), judge the canary's version against the stable
/// version serving beside it at the same time (the baseline read now, not before a switch: both serve), or, with a
/// concurrent baseline, against the fresh container of the stable image at the canary's weight
/// (<see cref="CanaryAnalysisContext.BaselineVersion"/> is <c>baseline_version</c>). The policy
/// decides (<see cref="ReleasePolicy"/>) and only a pass lets the canary go on: a failure, or an inconclusive verdict
/// whatever the policy (a canary is not left at its share with nobody watching), takes it out. Its events
/// (<see cref="ReleaseEvent.CanaryAnalysing"/>, <see cref="ReleaseEvent.CanaryAnalysed"/>) are published from inside the
/// deploy, which holds the release lease's one call slot: a sink must not call the platform on them.
/// </summary>
public sealed class CanaryGates(ReleaseSettings settings, VerificationSession session, GatesDocument gates, ReleaseEventBus events, ILogger log)
{
    public async Task<CanaryVerdict> AnalyseAsync(CanaryAnalysisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = settings.Service.Name;
        var environment = settings.Environment.Name;
        var canary = context.Canary.Version;
        await events.PublishAsync(new ReleaseEvent.CanaryAnalysing(service, environment, DateTimeOffset.UtcNow, context), cancellationToken).ConfigureAwait(false);
        // baseline_version: a concurrent baseline's own label when one runs, else the stable release's.
        var baseline = context.BaselineVersion ?? context.Stable?.Version;
        log.Information("Canary step {Step}: verifying {Version} at {Percent:0.##}% of the traffic against {Baseline} ({Kind}) with {Gates}",
            context.Step, canary, context.Percent, baseline ?? "no baseline",
            context.BaselineVersion is null ? "the stable release serving beside it" : "a concurrent baseline of the stable image at the same weight", gates.Source);

        var release = ReleaseContext.Of(service, canary, baseline, environment, gates.Window);
        var outcome = await session.RunAsync(CanaryAnalysisSchedule.For(gates, context.Percent), release, cancellationToken).ConfigureAwait(false);
        var decision = ReleasePolicy.Decide(outcome, settings.Policy ?? gates.Policy);
        var passed = decision.Action == ReleaseAction.Promote;
        await events.PublishAsync(new ReleaseEvent.CanaryAnalysed(service, environment, DateTimeOffset.UtcNow, canary, context.Step, context.Percent, outcome, decision) { Baseline = context.BaselineVersion },
            CancellationToken.None).ConfigureAwait(false);
        var verdict = (outcome as VerificationOutcome.Analysed)?.Result.Verdict.ToString() ?? outcome.GetType().Name;
        return new CanaryVerdict(passed, verdict, passed ? outcome.Summary : decision.Reason);
    }
}
