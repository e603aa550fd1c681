using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// A canary's concurrent baseline (Kayenta's recommendation, <see cref="CanaryBaseline.Concurrent"/>): a fresh container
/// of the stable image on its own port (<see cref="DockerSlots.BaselinePort"/>), health-checked, in the router's backend
/// at the canary's weight for the steps (<see cref="Routing.ReleaseRouting.SplitAsync(string, string, double, string?, CancellationToken)"/>),
/// so the analyses compare two new processes on the same traffic at the same time; its metrics carry their own version
/// label (<see cref="CanaryBaselines.VersionOf"/>), told apart from the stable release's.
/// It has an id shaped like a release's that no ledger entry has: its server counts as Shipgate's (a switch sets it to
/// 0) and, left behind by a process killed mid-canary, recovery drains its server out and removes its container as it
/// does for anything no release accounts for. It ends with the steps, whatever their outcome.
/// </summary>
internal sealed class ConcurrentBaseline
{
    private readonly string _containerId;

    private ConcurrentBaseline(string id, string version, int port, string containerId)
    {
        Id = id;
        Version = version;
        Port = port;
        _containerId = containerId;
    }

    /// <summary>Its server's name in the backend and its container's release label.</summary>
    public string Id { get; }

    /// <summary>The version label of its metrics (<see cref="CanaryBaselines.VersionOf"/>): 1.0.0-baseline-3fa9c2.</summary>
    public string Version { get; }

    public int Port { get; }

    /// <summary>
    /// Starts the baseline beside <paramref name="canary"/> and puts it in the backend, up, at the canary's weight now
    /// (0 before the first setWeight; a resumed canary already has some). Returns it, or why it could not start (its
    /// container is then removed; nothing of it takes traffic).
    /// </summary>
    public static async Task<(ConcurrentBaseline? Baseline, string? Failure)> StartAsync(DockerTargetOptions options, ContainerRuntime runtime, DockerRouting routing,
        ReleaseRecord canary, ReleaseRecord stable, double canaryWeight, ILogger log, CancellationToken ct)
    {
        var port = DockerSlots.BaselinePort(options.Port);
        if (options.Engine.IsOnThisHost && PortProbe.IsInUse(port, options.ListenAddress))
            return (null, $"port {port} (the concurrent baseline's own port behind the router) is in use by a process that is not a release of {options.Service}/{options.Environment}");
        var id = ReleaseIds.New(DateTimeOffset.UtcNow);
        var version = CanaryBaselines.VersionOf(stable.Version, id);
        var record = stable with { ReleaseId = id, Version = version, PreviousReleaseId = null, DeployedAt = DateTimeOffset.UtcNow };
        await runtime.PullAsync(stable.Image, ct).ConfigureAwait(false);
        var containerId = await runtime.CreateAsync(record, port, ct).ConfigureAwait(false);
        var baseline = new ConcurrentBaseline(id, version, port, containerId);
        await runtime.StartAsync(containerId, ct).ConfigureAwait(false);
        var unhealthy = await new HealthWaiter(runtime, options.ForInstance(port)).WaitAsync(containerId, fresh: true, ct).ConfigureAwait(false)
            ?? await routing.AddAsync(id, port, options.HealthTimeout, ct).ConfigureAwait(false);
        if (unhealthy is not null)
        {
            await baseline.RemoveAsync(runtime, routing, ct).ConfigureAwait(false);
            return (null, $"the concurrent baseline ({stable.Image} as {version}, port {port}) did not start: {unhealthy}");
        }
        if (canaryWeight is > 0 and < 100)
            await routing.SplitAsync(canary.ReleaseId, stable.ReleaseId, canaryWeight, id, ct).ConfigureAwait(false);
        log.Information("Concurrent baseline {Id} ({Version}, the image of {Stable}) on port {Port}: the canary's analyses compare it with this",
            id, version, stable.ReleaseId, port);
        return (baseline, null);
    }

    /// <summary>
    /// Ends the baseline once the steps stopped with the canary at <paramref name="canaryWeight"/>: its share goes back
    /// first (to the stable release, all of it when the canary is out; beside a held canary, the split without it; after
    /// the switch it has none), then it drains out of the backend and its container goes.
    /// </summary>
    public async Task EndAsync(DockerRouting routing, ContainerRuntime runtime, string canaryId, string stableId, double canaryWeight, ILogger log, CancellationToken ct)
    {
        if (canaryWeight <= 0)
            await routing.SwitchToAsync(stableId, ct).ConfigureAwait(false);
        else if (canaryWeight < 100)
            await routing.SplitAsync(canaryId, stableId, canaryWeight, null, ct).ConfigureAwait(false);
        await RemoveAsync(runtime, routing, ct).ConfigureAwait(false);
        log.Information("Concurrent baseline {Id} ({Version}) drained and removed", Id, Version);
    }

    private async Task RemoveAsync(ContainerRuntime runtime, DockerRouting routing, CancellationToken ct)
    {
        await routing.RemoveAsync(Id, ct).ConfigureAwait(false);
        await runtime.RemoveAsync(_containerId, ct).ConfigureAwait(false);
    }
}
