using System.Diagnostics;
using System.Globalization;
using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// The canary's steps behind the router, once it is in the backend at weight 0 beside the stable release: each
/// setWeight splits the traffic (<see cref="ReleaseRouting.SplitAsync(string, string, double, string?, CancellationToken)"/>), each analysis asks the caller's
/// <see cref="CanaryAnalysis"/>, each pause waits; setWeight 100 is the switch. Every step reached is recorded in the
/// ledger (the release stays Deploying, so a process killed mid-canary is undone by the next call's recovery, which
/// gives the stable release all the traffic back). An analysis that does not pass takes the canary out of the traffic
/// before anything else (one runtime command), and the caller then undoes the release. With a concurrent baseline
/// (<see cref="ConcurrentBaseline"/>, started and ended by the caller) it gets as much as the canary at each setWeight
/// below 100 and the analyses compare the canary with it.
/// </summary>
internal sealed class CanaryRollout(ReleaseRouting routing, ReleaseTransitions transitions, ILogger log, Action<string> reached, ConcurrentBaseline? baseline = null)
{
    /// <summary>
    /// How the steps ended: the release as last recorded, and why the canary stopped (null: it took all the traffic, or
    /// it is <see cref="ReleasePhase.Held"/> at a pause until approved).
    /// </summary>
    public sealed record Outcome(ReleaseRecord Release, string? Failure);

    /// <summary>Runs the steps; a held canary resumed passes <c>resumeAfter</c> (the step it was held at, from 1, and its weight then) and goes on from the next step.</summary>
    public async Task<Outcome> RunAsync(ReleaseRecord release, ReleaseRecord stable, IReadOnlyList<CanaryStep> steps, CanaryAnalysis? analyse,
        (int Canary, int? Stable) ports, CancellationToken ct, (int Step, double Weight)? resumeAfter = null)
    {
        var plan = CanaryPlan.Complete(steps);
        log.Information("Canary {ReleaseId} ({Version}) beside {Stable} ({StableVersion}): {Steps}",
            release.ReleaseId, release.Version, stable.ReleaseId, stable.Version, CanaryPlan.Describe(plan));
        var weight = resumeAfter?.Weight ?? 0;
        for (var i = resumeAfter?.Step ?? 0; i < plan.Count; i++)
        {
            var step = i + 1;
            switch (plan[i])
            {
                case CanaryStep.SetWeight { Percent: >= 100 }:
                    await routing.SwitchToAsync(release.ReleaseId, ct).ConfigureAwait(false);
                    weight = 100;
                    release = await transitions.WriteAsync(release with { CanaryStep = step, CanaryWeight = weight, RouterStep = RouterStep.Switched }, ct).ConfigureAwait(false);
                    reached("switched");
                    log.Information("Canary step {Step}/{Steps}: {ReleaseId} takes all the traffic", step, plan.Count, release.ReleaseId);
                    break;
                case CanaryStep.SetWeight set:
                    var effective = await routing.SplitAsync(release.ReleaseId, stable.ReleaseId, set.Percent, baseline?.Id, ct).ConfigureAwait(false);
                    weight = set.Percent;
                    release = await transitions.WriteAsync(release with { CanaryStep = step, CanaryWeight = weight }, ct).ConfigureAwait(false);
                    reached(string.Create(CultureInfo.InvariantCulture, $"canary-{weight:0.##}"));
                    log.Information("Canary step {Step}/{Steps}: {ReleaseId} gets {Percent:0.##}% of the traffic ({Effective:0.##}% with the router's integer weights)",
                        step, plan.Count, release.ReleaseId, set.Percent, effective);
                    break;
                case CanaryStep.Pause pause:
                    reached("canary-pause");
                    log.Information("Canary step {Step}/{Steps}: pause {Seconds:0.#} s at {Percent:0.##}%", step, plan.Count, pause.Duration.TotalSeconds, weight);
                    await Task.Delay(pause.Duration, ct).ConfigureAwait(false);
                    release = await transitions.WriteAsync(release with { CanaryStep = step }, ct).ConfigureAwait(false);
                    break;
                case CanaryStep.PauseUntilApproved:
                    // Not in flight: the deploy ends here on purpose, the canary keeps its share until a resume or a rollback.
                    // It is held without its baseline (nobody analyses meanwhile): the baseline's share goes back to the
                    // stable release before the hold is recorded, so a process killed in between leaves none serving.
                    if (baseline is not null)
                    {
                        await routing.SplitAsync(release.ReleaseId, stable.ReleaseId, weight, baselineId: null, ct).ConfigureAwait(false);
                        await routing.StopSendingAsync(baseline.Id, ct).ConfigureAwait(false);
                    }
                    release = await transitions.WriteAsync(release with { Phase = ReleasePhase.Held, CanaryStep = step, CanaryWeight = weight }, ct).ConfigureAwait(false);
                    reached("canary-held");
                    log.Warning("Canary step {Step}/{Steps}: {ReleaseId} held at {Percent:0.##}% of the traffic until a release manager approves", step, plan.Count, release.ReleaseId, weight);
                    return new Outcome(release, null);
                case CanaryStep.Analysis:
                    reached("canary-analysis");
                    var verdict = await AnalyseAsync(analyse!, new CanaryAnalysisContext(release, stable, step, weight)
                    {
                        CanaryPort = ports.Canary,
                        StablePort = ports.Stable,
                        BaselineVersion = baseline?.Version,
                        BaselinePort = baseline?.Port,
                    }, ct).ConfigureAwait(false);
                    var analyses = Append(release.CanaryAnalyses, string.Create(CultureInfo.InvariantCulture, $"step {step} at {weight:0.##}%{(baseline is null ? "" : $" against {baseline.Version}")}: {verdict.Verdict}"));
                    if (!verdict.Passed)
                    {
                        // Before anything else, the ledger included: no new request reaches the canary.
                        var clock = Stopwatch.StartNew();
                        await TakeOutAsync(release, stable, weight, CancellationToken.None).ConfigureAwait(false);
                        var took = clock.Elapsed;
                        reached("canary-stopped");
                        log.Warning("Canary step {Step}/{Steps}: analysis {Verdict} at {Percent:0.##}%; {ReleaseId} at weight 0 {Milliseconds:0} ms after it",
                            step, plan.Count, verdict.Verdict, weight, release.ReleaseId, took.TotalMilliseconds);
                        release = await transitions.WriteAsync(release with { CanaryStep = step, CanaryWeight = 0, CanaryAnalyses = analyses }, CancellationToken.None).ConfigureAwait(false);
                        return new Outcome(release, string.Create(CultureInfo.InvariantCulture,
                            $"the canary's analysis at step {step} ({weight:0.##}% of the traffic) did not pass ({verdict.Verdict}): {verdict.Reason}"));
                    }
                    release = await transitions.WriteAsync(release with { CanaryStep = step, CanaryAnalyses = analyses }, ct).ConfigureAwait(false);
                    log.Information("Canary step {Step}/{Steps}: analysis {Verdict} at {Percent:0.##}%", step, plan.Count, verdict.Verdict, weight);
                    break;
            }
        }
        return new Outcome(release, null);
    }

    /// <summary>
    /// No new request to the canary: its weight to 0 (one command; the stable release keeps its own weight), or, once
    /// the canary has all the traffic, the switch back (the stable release's weight up before the canary's falls).
    /// </summary>
    private Task TakeOutAsync(ReleaseRecord canary, ReleaseRecord stable, double weight, CancellationToken ct) =>
        weight >= 100 ? routing.SwitchToAsync(stable.ReleaseId, ct) : routing.StopSendingAsync(canary.ReleaseId, ct);

    /// <summary>The caller's analysis; one that throws has not passed (and a cancel is the caller's: it propagates).</summary>
    private static async Task<CanaryVerdict> AnalyseAsync(CanaryAnalysis analyse, CanaryAnalysisContext context, CancellationToken ct)
    {
        try
        {
            return await analyse(context, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever broke the analysis, the canary did not pass it: the policy is the caller's verdict, never an escape.
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new CanaryVerdict(false, "Error", $"the analysis failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string Append(string? analyses, string analysis) => analyses is null ? analysis : $"{analyses}; {analysis}";
}
