using System.Globalization;
using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// A Swarm deploy behind the traffic router (allAtOnce, blueGreen, canary): the new release is a service of its own
/// whose tasks listen on their own ports while the previous release's service keeps serving; once it has converged
/// (every task running, its HEALTHCHECK passed) its tasks join the router's backend at weight 0 and the steps are the
/// same as on Docker (<see cref="RoutedRelease"/>). The previous release's service stays at weight 0 until the promote.
/// </summary>
internal sealed class RoutedSwarmDeploy(SwarmTargetOptions options, RoutedSwarmPlatform platform, ReleaseTransitions transitions, ILogger log, Action<string> reached)
{
    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken ct)
    {
        var router = options.Router!;
        var routing = platform.Routing;
        var steps = new RoutedRelease(router, routing, transitions, platform.ServiceLabel, log, reached);
        await using var held = await transitions.EnterAsync($"deploy {request.Version}", () => reached("locked"), ct).ConfigureAwait(false);

        var current = (await transitions.ReadHistoryAsync(ct).ConfigureAwait(false)).RequireDeployable(request, platform.ServiceLabel);
        var release = await transitions.WriteAsync(
            ReleaseRecord.Deploying(options.Service, options.Environment, request, current, DateTimeOffset.UtcNow, DeployPlatform.Swarm) with { Strategy = router.Strategy },
            ct).ConfigureAwait(false);
        reached("recorded");

        // The new release's rollback target is the current one: an older release still kept warm leaves the router and its service goes.
        foreach (var older in (await platform.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.ReleaseId != current?.ReleaseId))
        {
            if (older.ReleaseId is not null) await routing.RemoveAsync(older.ReleaseId, ct).ConfigureAwait(false);
            await platform.ExecuteAsync(new Recovery.RemoveInstance(older.Id, "older than the rollback target"), [], ct).ConfigureAwait(false);
        }

        var (ports, unhealthy) = await platform.StartAsync(release, ct).ConfigureAwait(false);
        reached("submitted");
        if (unhealthy is not null)
            await steps.FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy,
                $"service {platform.ServiceNameOf(release.ReleaseId)} did not converge: {unhealthy}", ct).ConfigureAwait(false);
        log.Information("Release {ReleaseId} ({Version}) runs as service {Name} on ports {Ports}", release.ReleaseId, release.Version,
            platform.ServiceNameOf(release.ReleaseId), string.Join(", ", ports));

        if (await routing.AddAsync(release.ReleaseId, ports, options.HealthTimeout, ct).ConfigureAwait(false) is { } notUp)
            await steps.FailAsync(release, current, ReleasePhase.RolledBack, DeployErrorKind.Unhealthy, notUp, ct).ConfigureAwait(false);
        release = await transitions.WriteAsync(release with { RouterStep = RouterStep.Added }, ct).ConfigureAwait(false);
        reached("added");

        release = await steps.CarryOutAsync(request, release, current, Instances(ports), ct).ConfigureAwait(false);
        return await platform.InfoAsync(release, ct).ConfigureAwait(false);
    }

    /// <summary>A canary held until approved goes on from the step after its hold (<see cref="CanaryResume"/>), its tasks as they are in the router.</summary>
    public Task<ReleaseInfo> ResumeAsync(ResumeRequest request, CancellationToken ct) =>
        new CanaryResume(platform.ServiceLabel, options.Router!, transitions, log).ResumeAsync(request, async (again, canary, stable, resumeAfter) =>
        {
            var steps = new RoutedRelease(options.Router!, platform.Routing, transitions, platform.ServiceLabel, log, reached);
            var ports = await platform.Routing.PortsAsync(canary.ReleaseId, ct).ConfigureAwait(false);
            var release = await steps.CarryOutAsync(again, canary, stable, Instances(ports), ct, resumeAfter).ConfigureAwait(false);
            return await platform.InfoAsync(release, ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Where each task answers directly: its health URL on its own port.</summary>
    private IReadOnlyList<Uri> Instances(IReadOnlyList<int> ports) =>
        ports.Select(port => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{options.Router!.InstanceHost}:{port}{options.Router.HealthCheck.Path}"))).ToList();
}
