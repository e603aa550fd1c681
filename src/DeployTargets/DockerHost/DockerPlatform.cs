using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// The Docker runtime under <see cref="ReleaseTransitions"/>: one container per release. Without a router at most one
/// runs, on the service's port; behind a router (<see cref="DockerTargetOptions.Router"/>) each listens on its own port
/// and the router's weights decide which one serves, so the previous release can stay running until the promote.
/// </summary>
internal sealed class DockerPlatform(DockerTargetOptions options, ILogger log) : IReleasePlatform
{
    public DeployPlatform Platform => DeployPlatform.Docker;

    public string ServiceLabel => $"{options.Service}/{options.Environment}";

    /// <summary>The router steps; null without a router.</summary>
    public DockerRouting? Routing { get; } = options.Router is { } router ? new DockerRouting(router) : null;

    public async Task ConnectAsync(CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        await runtime.PingAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        return await runtime.ObserveAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>?> ObserveRouterAsync(CancellationToken ct) =>
        Routing is null ? null : await Routing.WeightsAsync(ct).ConfigureAwait(false);

    public async Task ExecuteAsync(RecoveryStep step, IReadOnlyList<RecoveryStep> plan, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        switch (step)
        {
            case RemoveInstance remove:
                await runtime.RemoveAsync(remove.Id, ct).ConfigureAwait(false);
                break;
            case StopInstance stop:
                await runtime.StopAsync(stop.Id, ct).ConfigureAwait(false);
                break;
            case RestoreRelease restore:
                if (await RestoreAsync(runtime, restore.Release, restore.ExistingInstanceId, ct).ConfigureAwait(false) is { } failure)
                    log.Error("Recovery restored release {ReleaseId} ({Version}) but it is not healthy: {Failure}", restore.Release.ReleaseId, restore.Release.Version, failure);
                break;
            case RouteTraffic route when Routing is not null:
                if (await RouteToAsync(runtime, route.Release, ct).ConfigureAwait(false) is { } notRouted)
                    log.Error("Recovery could not route the traffic to release {ReleaseId} ({Version}): {Failure}", route.Release.ReleaseId, route.Release.Version, notRouted);
                break;
            case RemoveServer server when Routing is not null:
                await Routing.RemoveAsync(server.ReleaseId, ct).ConfigureAwait(false);
                break;
        }
    }

    public async Task<string?> ReplaceAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        if (Routing is not null) return await ReplaceRoutedAsync(runtime, Routing, leaving, restore, ct).ConfigureAwait(false);
        foreach (var own in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.ReleaseId == leaving.ReleaseId))
            await runtime.RemoveAsync(own.Id, ct).ConfigureAwait(false);
        if (restore is null) return null;
        var existing = (await runtime.ObserveAsync(ct).ConfigureAwait(false)).FirstOrDefault(i => i.ReleaseId == restore.ReleaseId);
        return await RestoreAsync(runtime, restore, existing?.Id, ct).ConfigureAwait(false);
    }

    public async Task AfterPromoteAsync(ReleaseHistory history, ReleaseRecord promoted, CancellationToken ct)
    {
        // Keep the release to roll back to; older containers are no longer needed (the ledger keeps their digests).
        using var runtime = new ContainerRuntime(options);
        var rollbackTarget = history.RollbackTargetOf(promoted)?.ReleaseId;
        var keep = new[] { promoted.ReleaseId, rollbackTarget };
        if (Routing is not null)
        {
            // Promoted: the previous release leaves the router (drained first) and stops; its container stays for a rollback.
            foreach (var server in (await Routing.WeightsAsync(ct).ConfigureAwait(false)).Keys.Where(id => id != promoted.ReleaseId))
                await Routing.RemoveAsync(server, ct).ConfigureAwait(false);
            foreach (var warm in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.Running && i.ReleaseId == rollbackTarget))
                await runtime.StopAsync(warm.Id, ct).ConfigureAwait(false);
        }
        foreach (var old in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => !keep.Contains(i.ReleaseId)))
            await runtime.RemoveAsync(old.Id, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> InfoAsync(ReleaseRecord release, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        var instances = new List<InstanceStatus>();
        foreach (var c in (await runtime.ListAsync(ct).ConfigureAwait(false)).Where(c => c.Labels.Label(LedgerLabels.ReleaseId) == release.ReleaseId))
        {
            var inspect = await runtime.InspectAsync(c.ID, ct).ConfigureAwait(false);
            instances.Add(new InstanceStatus(c.ID, c.State, inspect.State.Health?.Status is { Length: > 0 } h ? h : null, c.Status)
            {
                RestartCount = inspect.RestartCount,
                StartedAt = DateTimeOffset.TryParse(inspect.State.StartedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var started) ? started : null,
                Port = int.TryParse(c.Labels.Label(LedgerLabels.Port), System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null,
            });
        }
        return new ReleaseInfo(release, instances) { Restarts = instances.Sum(i => i.RestartCount) };
    }

    /// <summary>Starts the release's container (recreated from the ledger's digest when gone) and waits for its health; null when healthy.</summary>
    public async Task<string?> RestoreAsync(ContainerRuntime runtime, ReleaseRecord release, string? existingId, CancellationToken ct)
    {
        if (Routing is not null) return (await RestoreRoutedAsync(runtime, release, ct).ConfigureAwait(false)).Failure;
        var id = existingId;
        if (id is null)
        {
            await runtime.PullAsync(release.Image, ct).ConfigureAwait(false);
            id = await runtime.CreateAsync(release, ownPort: null, ct).ConfigureAwait(false);
        }
        await runtime.StartAsync(id, ct).ConfigureAwait(false);
        return await new HealthWaiter(runtime, options).WaitAsync(id, fresh: existingId is null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Behind a router: the release's instance running and healthy on its own port (started if stopped, recreated on a
    /// free release port if gone or made without one); its port, and null when healthy or else why not.
    /// </summary>
    private async Task<(int Port, string? Failure)> RestoreRoutedAsync(ContainerRuntime runtime, ReleaseRecord release, CancellationToken ct)
    {
        var instances = await runtime.ObserveAsync(ct).ConfigureAwait(false);
        var own = instances.FirstOrDefault(i => i.ReleaseId == release.ReleaseId && i.Port is not null);
        if (own is { Running: true, Port: { } runningPort }) return (runningPort, null);
        foreach (var unroutable in instances.Where(i => i.ReleaseId == release.ReleaseId && i.Port is null))
            await runtime.RemoveAsync(unroutable.Id, ct).ConfigureAwait(false);
        var port = own?.Port ?? DockerSlots.FreePort(options.Port, instances.Where(i => i.Running).Select(i => i.Port));
        var id = own?.Id;
        if (id is null)
        {
            await runtime.PullAsync(release.Image, ct).ConfigureAwait(false);
            id = await runtime.CreateAsync(release, port, ct).ConfigureAwait(false);
        }
        await runtime.StartAsync(id, ct).ConfigureAwait(false);
        var failure = await new HealthWaiter(runtime, options.ForInstance(port)).WaitAsync(id, fresh: own is null, ct).ConfigureAwait(false);
        return (port, failure);
    }

    /// <summary>Behind a router: the release running, in the backend and up, then all the traffic to it. Null when done, else why not.</summary>
    private async Task<string?> RouteToAsync(ContainerRuntime runtime, ReleaseRecord release, CancellationToken ct)
    {
        var (port, failure) = await RestoreRoutedAsync(runtime, release, ct).ConfigureAwait(false);
        if (failure is not null) return failure;
        if (await Routing!.AddAsync(release.ReleaseId, port, options.HealthTimeout, ct).ConfigureAwait(false) is { } notUp) return notUp;
        await Routing.SwitchToAsync(release.ReleaseId, ct).ConfigureAwait(false);
        log.Information("The router sends all the traffic of {Service} to release {ReleaseId} ({Version})", ServiceLabel, release.ReleaseId, release.Version);
        return null;
    }

    /// <summary>
    /// Behind a router: the traffic goes back to <paramref name="restore"/> (a weight switch when it still runs) before
    /// <paramref name="leaving"/> is drained out of the router and removed, so no request finds nothing to answer it.
    /// </summary>
    private async Task<string?> ReplaceRoutedAsync(ContainerRuntime runtime, DockerRouting routing, ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        // As without a router, the leaving release goes even when the restored one cannot serve: the ledger says it left.
        var failure = restore is null ? null : await RouteToAsync(runtime, restore, ct).ConfigureAwait(false);
        var removal = await routing.RemoveAsync(leaving.ReleaseId, ct).ConfigureAwait(false);
        if (removal.SessionsCut > 0)
            log.Warning("{Cut} request(s) still running on release {ReleaseId} were cut after the drain timeout", removal.SessionsCut, leaving.ReleaseId);
        foreach (var own in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.ReleaseId == leaving.ReleaseId))
            await runtime.RemoveAsync(own.Id, ct).ConfigureAwait(false);
        return failure;
    }
}
