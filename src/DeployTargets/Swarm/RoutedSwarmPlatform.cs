using System.Globalization;
using Docker.DotNet.Models;
using Serilog;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// Swarm behind the traffic router, under <see cref="ReleaseTransitions"/>: each release is its own replicated service,
/// SERVICE-ENVIRONMENT-RELEASEID, whose tasks listen on their own ports (<see cref="SwarmSlots"/>), one router server
/// per task (<see cref="ReleaseServers"/>), so a release's share is split over its replicas. Recovery sees each
/// release's service as one instance (its id is the service's name); the router steps are <see cref="ReleaseRouting"/>'s,
/// as on Docker.
/// </summary>
internal sealed class RoutedSwarmPlatform(SwarmTargetOptions options, ILogger log) : IReleasePlatform
{
    public DeployPlatform Platform => DeployPlatform.Swarm;

    public string ServiceLabel => options.ServiceName;

    public ReleaseRouting Routing { get; } = new(options.Router!);

    private EngineConnection Engine => options.Engine;

    /// <summary>The name of the release's own service: the target's, then the release id (lower case, as Swarm names go).</summary>
    public string ServiceNameOf(string releaseId) => $"{options.ServiceName}-{releaseId.ToLowerInvariant()}";

    public Task ConnectAsync(CancellationToken ct) => new SwarmPlatform(options, log).ConnectAsync(ct);

    public async Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct) =>
        (await ReleaseServicesAsync(ct).ConfigureAwait(false))
            .Select(s => new ObservedInstance(s.Spec.Name, s.Spec.Labels.Label(LedgerLabels.ReleaseId), Running: true) { Port = BaseOf(s) })
            .ToList();

    public async Task<IReadOnlyDictionary<string, int>?> ObserveRouterAsync(CancellationToken ct) => await Routing.WeightsAsync(ct).ConfigureAwait(false);

    public async Task ExecuteAsync(RecoveryStep step, IReadOnlyList<RecoveryStep> plan, CancellationToken ct)
    {
        switch (step)
        {
            case RemoveInstance remove:
                await RemoveServiceAsync(remove.Id, ct).ConfigureAwait(false);
                break;
            case StopInstance stop:
                // A service has no stopped state that keeps its tasks: the spec is the ledger's, recreated when needed.
                await RemoveServiceAsync(stop.Id, ct).ConfigureAwait(false);
                break;
            case RestoreRelease restore:
                if ((await StartAsync(restore.Release, ct).ConfigureAwait(false)).Failure is { } failure)
                    log.Error("Recovery restored release {ReleaseId} ({Version}) but it is not healthy: {Failure}", restore.Release.ReleaseId, restore.Release.Version, failure);
                break;
            case RouteTraffic route:
                if (await RouteToAsync(route.Release, ct).ConfigureAwait(false) is { } notRouted)
                    log.Error("Recovery could not route the traffic to release {ReleaseId} ({Version}): {Failure}", route.Release.ReleaseId, route.Release.Version, notRouted);
                break;
            case RemoveServer server:
                await Routing.RemoveAsync(server.ReleaseId, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The traffic goes back to <paramref name="restore"/> (a weight switch when its service still runs) before
    /// <paramref name="leaving"/> is drained out of the router and its service removed, so no request finds nothing to answer it.
    /// </summary>
    public async Task<string?> ReplaceAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        // The leaving release goes even when the restored one cannot serve: the ledger says it left.
        var failure = restore is null ? null : await RouteToAsync(restore, ct).ConfigureAwait(false);
        var removal = await Routing.RemoveAsync(leaving.ReleaseId, ct).ConfigureAwait(false);
        if (removal.SessionsCut > 0)
            log.Warning("{Cut} request(s) still running on release {ReleaseId} were cut after the drain timeout", removal.SessionsCut, leaving.ReleaseId);
        await RemoveServiceAsync(ServiceNameOf(leaving.ReleaseId), ct).ConfigureAwait(false);
        return failure;
    }

    /// <summary>Promoted: every other release leaves the router (drained first) and its service goes (a rollback recreates it from the ledger).</summary>
    public async Task AfterPromoteAsync(ReleaseHistory history, ReleaseRecord promoted, CancellationToken ct)
    {
        foreach (var server in (await Routing.WeightsAsync(ct).ConfigureAwait(false)).Keys.Where(id => id != promoted.ReleaseId))
            await Routing.RemoveAsync(server, ct).ConfigureAwait(false);
        foreach (var service in (await ReleaseServicesAsync(ct).ConfigureAwait(false)).Where(s => s.Spec.Labels.Label(LedgerLabels.ReleaseId) != promoted.ReleaseId))
            await RemoveServiceAsync(service.Spec.Name, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> InfoAsync(ReleaseRecord release, CancellationToken ct)
    {
        var own = (await ReleaseServicesAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.Spec.Name == ServiceNameOf(release.ReleaseId));
        return await new SwarmPlatform(options, log, ServiceNameOf(release.ReleaseId), own is null ? null : BaseOf(own)).InfoAsync(release, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The release's service running on its block of ports and converged (created from the ledger's digest on a free
    /// block when gone); the ports of its tasks, and null when they serve or else why not.
    /// </summary>
    public async Task<(IReadOnlyList<int> Ports, string? Failure)> StartAsync(ReleaseRecord release, CancellationToken ct)
    {
        var services = await ReleaseServicesAsync(ct).ConfigureAwait(false);
        var own = services.FirstOrDefault(s => s.Spec.Name == ServiceNameOf(release.ReleaseId));
        var basePort = own is not null && BaseOf(own) is { } kept
            ? kept
            : SwarmSlots.FreeBase(options.Port, options.Replicas, services.SelectMany(s => BaseOf(s) is { } b ? SwarmSlots.Ports(b, ReplicasOf(s)) : []));
        var replicas = own is null ? options.Replicas : ReplicasOf(own);
        using var client = Engine.CreateClient();
        var failure = await Of(release.ReleaseId, basePort).ReturnToAsync(client, release, alreadyRolledBack: false, ct).ConfigureAwait(false);
        return (SwarmSlots.Ports(basePort, replicas), failure);
    }

    /// <summary>The release running, its tasks in the backend and up, then all the traffic to it. Null when done, else why not.</summary>
    private async Task<string?> RouteToAsync(ReleaseRecord release, CancellationToken ct)
    {
        var (ports, failure) = await StartAsync(release, ct).ConfigureAwait(false);
        if (failure is not null) return failure;
        if (await Routing.AddAsync(release.ReleaseId, ports, options.HealthTimeout, ct).ConfigureAwait(false) is { } notUp) return notUp;
        await Routing.SwitchToAsync(release.ReleaseId, ct).ConfigureAwait(false);
        log.Information("The router sends all the traffic of {Service} to release {ReleaseId} ({Version})", ServiceLabel, release.ReleaseId, release.Version);
        return null;
    }

    /// <summary>The one-service platform for the release's own service, its tasks listening above <paramref name="basePort"/>.</summary>
    private SwarmPlatform Of(string releaseId, int basePort) => new(options, log, ServiceNameOf(releaseId), basePort);

    /// <summary>The services of this target's releases (named after it, labelled with its service and environment).</summary>
    private async Task<IReadOnlyList<SwarmService>> ReleaseServicesAsync(CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        var services = await EngineErrors.Call(Engine, "listing services", () => client.Swarm.ListServicesAsync(new ServicesListParameters(), ct)).ConfigureAwait(false);
        return services.Where(s => s.Spec.Name.StartsWith(options.ServiceName + "-", StringComparison.Ordinal)
                                   && s.Spec.Labels.Label(LedgerLabels.Service) == options.Service
                                   && s.Spec.Labels.Label(LedgerLabels.Environment) == options.Environment
                                   && s.Spec.Labels.Label(LedgerLabels.ReleaseId) is { } id && s.Spec.Name == ServiceNameOf(id))
            .ToList();
    }

    private async Task RemoveServiceAsync(string name, CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        var services = await EngineErrors.Call(Engine, "listing services", () => client.Swarm.ListServicesAsync(new ServicesListParameters(), ct)).ConfigureAwait(false);
        if (services.FirstOrDefault(s => s.Spec.Name == name) is { } service)
            await EngineErrors.Call(Engine, $"removing service {name}", () => client.Swarm.RemoveServiceAsync(service.ID, ct)).ConfigureAwait(false);
    }

    private static int? BaseOf(SwarmService service) =>
        int.TryParse(service.Spec.Labels.Label(LedgerLabels.Port), CultureInfo.InvariantCulture, out var port) ? port : null;

    private static int ReplicasOf(SwarmService service) => (int)(service.Spec.Mode?.Replicated?.Replicas ?? 0);
}
