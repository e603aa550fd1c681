using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// A Docker deploy behind the traffic router (allAtOnce, blueGreen): the new release starts on its own port while the
/// previous one keeps serving, is health-checked directly, joins the router's backend at weight 0 and waits until the
/// router's own checks see it up; blue-green then sends it preview requests alone; then one runtime command gives it
/// all the traffic and the previous one drains (it stays running at weight 0 until the promote, so a rollback is a
/// switch). A process killed at any point leaves a healthy release taking the traffic; the next call's recovery puts
/// the previous one back.
/// </summary>
internal sealed class RoutedDeploy(DockerTargetOptions options, DockerPlatform platform, ReleaseTransitions transitions, ILogger log, Action<string> reached)
{
    /// <summary>The router steps Swarm shares: preview, switch, canary steps, finish, failure.</summary>
    private readonly RoutedRelease _steps = new(options.Router!, platform.Routing!, transitions, platform.ServiceLabel, log, reached);

    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken ct)
    {
        var router = options.Router!;
        var routing = platform.Routing!;
        await using var held = await transitions.EnterAsync($"deploy {request.Version}", () => reached("locked"), ct).ConfigureAwait(false);
        using var runtime = new ContainerRuntime(options);

        var (release, current) = await DeployStart.RecordAsync(transitions, runtime, options, platform.ServiceLabel, request, router.Strategy, reached, ct).ConfigureAwait(false);

        // The new release's rollback target is the current one: an older release still kept warm leaves the router and stops.
        foreach (var older in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.Running && i.ReleaseId != current?.ReleaseId))
        {
            if (older.ReleaseId is not null) await routing.RemoveAsync(older.ReleaseId, ct).ConfigureAwait(false);
            await runtime.StopAsync(older.Id, ct).ConfigureAwait(false);
        }
        var port = DockerSlots.FreePort(options.Port, (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.Running).Select(i => i.Port));
        var newId = await runtime.CreateAsync(release, port, ct).ConfigureAwait(false);
        reached("created");
        if (options.Engine.IsOnThisHost && PortProbe.IsInUse(port, options.ListenAddress))
            await FailAsync(release, current, ReleasePhase.Failed, DeployErrorKind.PortInUse,
                $"port {port} (the new release's own port behind the router) is in use by a process that is not a release of {platform.ServiceLabel}", ct).ConfigureAwait(false);

        await runtime.StartAsync(newId, ct).ConfigureAwait(false);
        reached("started");
        if (await new HealthWaiter(runtime, options.ForInstance(port)).WaitAsync(newId, fresh: true, ct).ConfigureAwait(false) is { } unhealthy)
        {
            var logs = await runtime.LastLogLinesAsync(newId, 20, ct).ConfigureAwait(false);
            await FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy, $"{unhealthy}; last log lines:\n{logs}", ct).ConfigureAwait(false);
        }

        if (await routing.AddAsync(release.ReleaseId, port, options.HealthTimeout, ct).ConfigureAwait(false) is { } notUp)
            await FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy, notUp, ct).ConfigureAwait(false);
        release = await transitions.WriteAsync(release with { RouterStep = RouterStep.Added }, ct).ConfigureAwait(false);
        reached("added");

        if (router.Strategy == ReleaseStrategy.Canary && current is not null)
            return await ContinueCanaryAsync(runtime, request, release, current, port, resumeAfter: null, ct).ConfigureAwait(false);

        // Blue-green's preview goes straight to the new release's own port, which only it listens on.
        var instance = options.ForInstance(port).HealthUrl ?? new Uri($"http://{router.InstanceHost}:{port}/");
        release = await _steps.SwitchAsync(release, current, [instance], ct).ConfigureAwait(false);
        return await FinishAsync(request, release, current, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The canary's steps (from the start, or after the step a held canary waited at) and, once it has all the traffic,
    /// the end of the deploy; a canary held at a pause until approved returns as it is (<see cref="ReleasePhase.Held"/>).
    /// </summary>
    public async Task<ReleaseInfo> ContinueCanaryAsync(ContainerRuntime runtime, DeployRequest request, ReleaseRecord release, ReleaseRecord current, int port,
        (int Step, double Weight)? resumeAfter, CancellationToken ct)
    {
        var baseline = new CanaryBaselineHooks(
            start => StartBaselineAsync(runtime, release, current, resumeAfter?.Weight ?? 0, start),
            (started, canaryWeight) => started.EndAsync(platform.Routing!, runtime, release.ReleaseId, current.ReleaseId, canaryWeight, log, CancellationToken.None));
        release = await _steps.CanaryAsync(request, release, current, port, resumeAfter, ct, baseline).ConfigureAwait(false);
        if (release.Phase == ReleasePhase.Held)
            return await platform.InfoAsync(release, ct).ConfigureAwait(false);
        return await FinishAsync(request, release, current, ct).ConfigureAwait(false);
    }

    /// <summary>The release has all the traffic: the previous one drains (it stays running at weight 0 until the promote) and the release is healthy.</summary>
    private async Task<ReleaseInfo> FinishAsync(DeployRequest request, ReleaseRecord release, ReleaseRecord? current, CancellationToken ct) =>
        await platform.InfoAsync(await _steps.FinishAsync(request, release, current, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>
    /// The canary's concurrent baseline when the environment asks for one and the steps analyse (<see cref="ConcurrentBaseline"/>);
    /// null otherwise. One that does not start undoes the canary (still at weight 0 unless resumed) as a failed deploy.
    /// </summary>
    private async Task<ConcurrentBaseline?> StartBaselineAsync(ContainerRuntime runtime, ReleaseRecord release, ReleaseRecord current, double canaryWeight, CancellationToken ct)
    {
        if (options.Router!.CanaryBaseline != CanaryBaseline.Concurrent || !options.Router.CanarySteps.OfType<CanaryStep.Analysis>().Any()) return null;
        var (baseline, failure) = await ConcurrentBaseline.StartAsync(options, runtime, platform.Routing!, release, current, canaryWeight, log, ct).ConfigureAwait(false);
        if (failure is not null)
            await FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy, failure, ct).ConfigureAwait(false);
        reached("baseline-started");
        return baseline;
    }

    /// <summary>Undoes the release (the previous one keeps or takes back the traffic) and throws why.</summary>
    private Task FailAsync(ReleaseRecord release, ReleaseRecord? current, ReleasePhase outcome, DeployErrorKind kind, string why, CancellationToken ct) =>
        _steps.FailAsync(release, current, outcome, kind, why, ct);
}
