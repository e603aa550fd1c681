using Serilog;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// The platform-neutral part of a release behind the router, once its instances run on their own ports and have
/// joined the backend at weight 0 (<see cref="RouterStep.Added"/>): blue-green's preview, the switch, or the canary's
/// steps beside the current release (<see cref="CanaryRollout"/>); then the previous release drains and the release
/// is recorded healthy. Swarm runs all of it (<see cref="CarryOutAsync"/>); Docker its switch, finish and failure
/// (its canary starts a concurrent baseline container around the same steps). Any failure undoes the release through <see cref="ReleaseTransitions.UndoAsync"/>, which gives
/// the previous one the traffic back (the platform's <see cref="IReleasePlatform.ReplaceAsync"/>).
/// </summary>
internal sealed class RoutedRelease(DockerRouterOptions router, ReleaseRouting routing, ReleaseTransitions transitions, string serviceLabel, ILogger log, Action<string> reached)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// From Added to healthy (or held at a canary pause until approved): the release as last recorded.
    /// <c>instances</c> are where each of the release's instances answers directly (its health URL on its own port),
    /// the preview's targets; <c>resumeAfter</c>, a held canary resumed: the step it was held at and its weight then.
    /// </summary>
    public async Task<ReleaseRecord> CarryOutAsync(DeployRequest request, ReleaseRecord release, ReleaseRecord? current, IReadOnlyList<Uri> instances,
        CancellationToken ct, (int Step, double Weight)? resumeAfter = null)
    {
        if (router.Strategy == ReleaseStrategy.Canary && current is not null)
        {
            release = await CanaryAsync(request, release, current, instances[0].Port, resumeAfter, ct).ConfigureAwait(false);
            if (release.Phase == ReleasePhase.Held) return release;
        }
        else
        {
            release = await SwitchAsync(release, current, instances, ct).ConfigureAwait(false);
        }
        return await FinishAsync(request, release, current, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// allAtOnce and blueGreen: the preview first for blue-green (<c>instances</c>: where each instance answers
    /// directly), then all the traffic to the release in one switch. A canary with nothing serving before it has no
    /// one to protect and takes the traffic this way at once.
    /// </summary>
    public async Task<ReleaseRecord> SwitchAsync(ReleaseRecord release, ReleaseRecord? current, IReadOnlyList<Uri> instances, CancellationToken ct)
    {
        if (router.Strategy == ReleaseStrategy.BlueGreen)
        {
            if (await PreviewAsync(instances, ct).ConfigureAwait(false) is { } previewFailed)
                await FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy, previewFailed, ct).ConfigureAwait(false);
            release = await transitions.WriteAsync(release with { RouterStep = RouterStep.Previewed }, ct).ConfigureAwait(false);
            reached("previewed");
        }
        await routing.SwitchToAsync(release.ReleaseId, ct).ConfigureAwait(false);
        release = await transitions.WriteAsync(release with { RouterStep = RouterStep.Switched }, ct).ConfigureAwait(false);
        reached("switched");
        return release;
    }

    /// <summary>The release has all the traffic: the previous one drains (it stays running at weight 0 until the promote) and the release is healthy.</summary>
    public async Task<ReleaseRecord> FinishAsync(DeployRequest request, ReleaseRecord release, ReleaseRecord? current, CancellationToken ct)
    {
        log.Information("Release {ReleaseId} ({Version}) takes all the traffic of {Service} ({Strategy})", release.ReleaseId, release.Version, serviceLabel, router.Strategy.Name());
        if (current is not null && !await routing.DrainAsync(current.ReleaseId, ct).ConfigureAwait(false))
            log.Warning("Release {ReleaseId} still had requests in flight after {Timeout} s; it keeps running at weight 0 until the promote", current.ReleaseId, router.DrainTimeout.TotalSeconds);
        release = await transitions.WriteAsync(ReleaseTransitions.Deployed(release, request) with { RouterStep = RouterStep.Drained }, ct).ConfigureAwait(false);
        reached("healthy");
        log.Information("Release {ReleaseId} ({Version}) is healthy", release.ReleaseId, release.Version);
        return release;
    }

    /// <summary>
    /// The canary's steps beside the current release (<see cref="CanaryRollout"/>). A step that did not pass has already
    /// taken the canary out of the traffic; it is then drained, removed and recorded RolledBack. A cancel (Ctrl-C,
    /// SIGTERM) switches the traffic back to the current release and undoes the canary the same way, so nobody is left
    /// on a canary no one watches. A concurrent baseline (<paramref name="baseline"/>, the platform's) starts before the
    /// steps and ends after them, or on the cancel once the stable release has the traffic back.
    /// </summary>
    public async Task<ReleaseRecord> CanaryAsync(DeployRequest request, ReleaseRecord release, ReleaseRecord current, int port,
        (int Step, double Weight)? resumeAfter, CancellationToken ct, CanaryBaselineHooks? baseline = null)
    {
        var steps = router.CanarySteps;
        if (request.Analyse is null && steps.OfType<CanaryStep.Analysis>().Any())
            await FailAsync(release, current, ReleasePhase.Failed, DeployErrorKind.InvalidOptions,
                $"the canary's steps ({CanaryPlan.Describe(steps)}) analyse, and the deploy was given no analysis (DeployRequest.Analyse)", ct).ConfigureAwait(false);
        var stablePorts = await routing.PortsAsync(current.ReleaseId, ct).ConfigureAwait(false);
        var companion = baseline is null ? null : await baseline.Start(ct).ConfigureAwait(false);
        var rollout = new CanaryRollout(routing, transitions, log, reached, companion);
        CanaryRollout.Outcome outcome;
        try
        {
            outcome = await rollout.RunAsync(release, current, steps, request.Analyse, (port, stablePorts.Count > 0 ? stablePorts[0] : null), ct, resumeAfter).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var latest = (await transitions.ReadHistoryAsync(CancellationToken.None).ConfigureAwait(false)).Find(release.ReleaseId) ?? release;
            // The ledger may lag the router by one step (a cancel between a weight change and its record): switch back, whatever the weights.
            await routing.SwitchToAsync(current.ReleaseId, CancellationToken.None).ConfigureAwait(false);
            if (companion is not null) await baseline!.End(companion, 0).ConfigureAwait(false);
            await transitions.UndoAsync(latest, current, ReleasePhase.RolledBack, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the canary was interrupted after step {latest.CanaryStep ?? 0} ({latest.CanaryWeight ?? 0:0.##}% of the traffic) by Ctrl-C, SIGTERM or a CI cancel"), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (companion is not null) await baseline!.End(companion, outcome.Release.CanaryWeight ?? 0).ConfigureAwait(false);
        if (outcome.Failure is not null)
            await FailAsync(outcome.Release, current, ReleasePhase.RolledBack, DeployErrorKind.CanaryFailed, outcome.Failure, CancellationToken.None).ConfigureAwait(false);
        return outcome.Release;
    }

    /// <summary>
    /// Blue-green's preview: requests sent straight to the new release's own ports, in turn (no second frontend to
    /// configure or to leave behind, and nothing the users' traffic can reach). Null when every one answered 2xx,
    /// else the first failure.
    /// </summary>
    private async Task<string?> PreviewAsync(IReadOnlyList<Uri> instances, CancellationToken ct)
    {
        for (var i = 0; i < router.PreviewRequests; i++)
        {
            var instance = instances[i % instances.Count];
            var url = router.PreviewPath is { } path ? new UriBuilder(instance) { Path = path, Query = "" }.Uri : instance;
            if (await HealthWaiter.ProbeAsync(url, Http, ct).ConfigureAwait(false) is { Length: > 0 } failed)
                return $"preview request {i + 1} of {router.PreviewRequests} ({url}) failed: {failed}";
        }
        return null;
    }

    /// <summary>Undoes the release (the previous one keeps or takes back the traffic) and throws why.</summary>
    public async Task FailAsync(ReleaseRecord release, ReleaseRecord? current, ReleasePhase outcome, DeployErrorKind kind, string why, CancellationToken ct)
    {
        var restored = await transitions.UndoAsync(release, current, outcome, why, ct).ConfigureAwait(false);
        var previous = (current, restored) switch
        {
            (null, _) => "Nothing served before.",
            (_, null) => $"The previous release {current.ReleaseId} ({current.Version}) keeps the traffic.",
            _ => $"The previous release {current.ReleaseId} ({current.Version}) is NOT healthy: {restored}",
        };
        throw new DeployTargetException(kind,
            $"Version {release.Version} of {serviceLabel} was {(outcome == ReleasePhase.Failed ? "not deployed" : $"rolled back to {current?.Version ?? "nothing"}")}: {why}\n{previous}");
    }
}
