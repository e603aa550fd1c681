using System.Diagnostics;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Routing.Haproxy;

namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// I/O: the router steps of a release on any platform, over <see cref="ITrafficRouter"/>. A release is a group of
/// servers, one per instance that listens on its own port (<see cref="ReleaseServers"/>: a Docker container, or each
/// task of a Swarm service); a release's percent is split equally over its servers, so replicas are accounted for.
/// Servers with other names (a user's own) are never touched. Router failures become <see cref="DeployTargetException"/>s
/// naming the router.
/// </summary>
internal class ReleaseRouting(DockerRouterOptions options, ITrafficRouter router)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public ReleaseRouting(DockerRouterOptions options)
        : this(options, new HaproxyRouter(options.RuntimeApi, options.HealthCheck))
    {
    }

    public string Backend => options.Backend;

    /// <summary>
    /// The weight of every release in the backend, by release id: the sum of its servers' weights (servers named
    /// otherwise are left out). What recovery reads: above 0 means the release gets traffic.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> WeightsAsync(CancellationToken ct) =>
        ByRelease(await StateAsync(ct).ConfigureAwait(false)).ToDictionary(g => g.Key, g => g.Sum(s => s.Weight), StringComparer.Ordinal);

    /// <summary>The ports of the release's servers in the backend (empty when it has none).</summary>
    public async Task<IReadOnlyList<int>> PortsAsync(string releaseId, CancellationToken ct) =>
        ServersOf(await StateAsync(ct).ConfigureAwait(false), releaseId).Select(s => s.Port).Order().ToList();

    /// <inheritdoc cref="AddAsync(string, IReadOnlyList{int}, TimeSpan, CancellationToken)"/>
    public Task<string?> AddAsync(string releaseId, int port, TimeSpan timeout, CancellationToken ct) => AddAsync(releaseId, [port], timeout, ct);

    /// <summary>
    /// Makes the release's instances (one per port) servers of the backend, ready, and waits until the router's own
    /// checks see every one up and have passed <c>fall</c> times in a row: HAProxy lets a server leaving maintenance in
    /// at the lowest health, where one failed check (a dropped connection under load) takes it out again, and with all
    /// the traffic on it that is 503s. Servers added here start at weight 0; ones already there keep their weight (the
    /// serving release keeps serving). Null when they are up, else why not.
    /// </summary>
    public async Task<string?> AddAsync(string releaseId, IReadOnlyList<int> ports, TimeSpan timeout, CancellationToken ct)
    {
        var wanted = ReleaseServers.For(releaseId, ports);
        var present = ServersOf(await StateAsync(ct).ConfigureAwait(false), releaseId).ToList();
        // Already in, up and ready (a release kept warm at weight 0 is checked all along): a rollback switches at once.
        if (SameServers(present, wanted) && present.All(s => s is { Health: ServerHealth.Up, Admin: ServerAdminState.Ready })) return null;
        var weight = 0;
        if (!SameServers(present, wanted))
        {
            foreach (var stale in present)
                await RouterCall(() => router.DrainAndRemoveAsync(options.Backend, stale.Name, options.DrainTimeout, ct)).ConfigureAwait(false);
        }
        else
        {
            weight = present.Max(s => s.Weight);
        }
        await RouterCall(() => router.EnsureBackendAsync(options.Backend,
            wanted.Select(w => new RoutedServer(w.Name, options.InstanceHost, w.Port, weight)).ToList(), ct)).ConfigureAwait(false);
        var settled = TimeSpan.FromMilliseconds(options.HealthCheck.IntervalMilliseconds * (options.HealthCheck.Fall - 1));
        var clock = Stopwatch.StartNew();
        TimeSpan? upSince = null;
        while (true)
        {
            var seen = ServersOf(await StateAsync(ct).ConfigureAwait(false), releaseId).ToList();
            var allUp = seen.Count == wanted.Count && seen.All(s => s is { Health: ServerHealth.Up, Admin: ServerAdminState.Ready });
            upSince = allUp ? upSince ?? clock.Elapsed : null;
            if (clock.Elapsed - upSince >= settled) return null;
            if (clock.Elapsed > timeout + settled)
                return $"the router ({options.RuntimeApi.Display}, backend {options.Backend}) did not see {releaseId} on port(s) {string.Join(", ", ports)} up within {timeout.TotalSeconds:0.#} s " +
                       $"(last: {(seen.Count == 0 ? "absent" : string.Join(", ", seen.Select(s => $"{s.Name} {s.Health}")))})";
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// All the traffic to the release's servers, 0 to every other release's. The new weights are set before the old
    /// ones drop, in two commands: HAProxy runs several threads, and one command line is not atomic for them, so
    /// lowering first (even on the same line) let requests find every weight at 0 and get 503 ("no server available").
    /// </summary>
    public async Task SwitchToAsync(string releaseId, CancellationToken ct)
    {
        var state = await StateAsync(ct).ConfigureAwait(false);
        var own = ServersOf(state, releaseId).ToDictionary(s => s.Name, _ => router.MaxWeight, StringComparer.Ordinal);
        var others = ByRelease(state).Where(g => g.Key != releaseId).SelectMany(g => g)
            .ToDictionary(s => s.Name, _ => 0, StringComparer.Ordinal);
        if (own.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, own, ct)).ConfigureAwait(false);
        if (others.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, others, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// The canary at <paramref name="percent"/> of the traffic, the stable release at the rest (<see cref="WeightPlanner"/>
    /// over the router's range, each release's share split over its servers). Weights that rise are set before those
    /// that fall, in two commands, for the reason <see cref="SwitchToAsync"/> gives. Returns the percent the canary
    /// really gets with integer weights.
    /// </summary>
    public Task<double> SplitAsync(string canaryId, string stableId, double percent, CancellationToken ct) =>
        SplitAsync(canaryId, stableId, percent, baselineId: null, ct);

    /// <summary>
    /// <inheritdoc cref="SplitAsync(string, string, double, CancellationToken)"/> A canary's concurrent baseline
    /// (<paramref name="baselineId"/>, null: none) gets as much as the canary (<see cref="CanaryStepSplit"/>), taken from the stable release's share.
    /// </summary>
    public async Task<double> SplitAsync(string canaryId, string stableId, double percent, string? baselineId, CancellationToken ct)
    {
        var state = await StateAsync(ct).ConfigureAwait(false);
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(percent, Names(state, stableId), Names(state, canaryId),
            baselineId is null ? null : Names(state, baselineId)), router.MaxWeight);
        var now = state.Servers.ToDictionary(s => s.Name, s => s.Weight, StringComparer.Ordinal);
        var rising = plan.Weights.Where(w => w.Value >= now.GetValueOrDefault(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        var falling = plan.Weights.Where(w => !rising.ContainsKey(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        await RouterCall(() => router.SetWeightsAsync(options.Backend, rising, ct)).ConfigureAwait(false);
        if (falling.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, falling, ct)).ConfigureAwait(false);
        return plan.EffectivePercent[CanaryStepSplit.Canary];
    }

    /// <summary>No new request to the release's servers (weight 0), one runtime command; the others keep their weights.</summary>
    public async Task StopSendingAsync(string releaseId, CancellationToken ct)
    {
        var own = Names(await StateAsync(ct).ConfigureAwait(false), releaseId).ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        if (own.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, own, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the release's servers (at weight 0, so they get no new request) have finished their requests in
    /// flight, up to the drain timeout; they stay in the backend (a switch back makes them serve again at once). True
    /// when they drained.
    /// </summary>
    public async Task<bool> DrainAsync(string releaseId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (ServersOf(await StateAsync(ct).ConfigureAwait(false), releaseId).All(s => s.CurrentSessions == 0)) return true;
            if (clock.Elapsed > options.DrainTimeout) return false;
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Drains the release's servers (no new request, the ones in flight finish) and removes them; absent is fine.
    /// The removal counts the requests cut on all of them.
    /// </summary>
    public async Task<ServerRemoval> RemoveAsync(string releaseId, CancellationToken ct)
    {
        var removals = new List<ServerRemoval>();
        var names = Names(await StateAsync(ct).ConfigureAwait(false), releaseId);
        foreach (var name in names)
            removals.Add(await RouterCall(() => router.DrainAndRemoveAsync(options.Backend, name, options.DrainTimeout, ct)).ConfigureAwait(false));
        return new ServerRemoval(releaseId, removals.Any(r => r.WasPresent), removals.All(r => r.DrainedCleanly), removals.Sum(r => r.SessionsCut),
            removals.Count == 0 ? TimeSpan.Zero : removals.Max(r => r.DrainTime));
    }

    /// <summary>Whether a server name is a release's (what Shipgate added), as opposed to a user's own server.</summary>
    public static bool IsReleaseServer(string name) => ReleaseServers.ReleaseOf(name) is not null;

    private static IEnumerable<IGrouping<string, ServerState>> ByRelease(BackendState state) =>
        state.Servers.Where(s => ReleaseServers.ReleaseOf(s.Name) is not null).GroupBy(s => ReleaseServers.ReleaseOf(s.Name)!, StringComparer.Ordinal);

    private static IEnumerable<ServerState> ServersOf(BackendState state, string releaseId) =>
        state.Servers.Where(s => ReleaseServers.ReleaseOf(s.Name) == releaseId);

    private static List<string> Names(BackendState state, string releaseId) => ServersOf(state, releaseId).Select(s => s.Name).ToList();

    private static bool SameServers(IReadOnlyList<ServerState> present, IReadOnlyList<(string Name, int Port)> wanted) =>
        present.Count == wanted.Count && wanted.All(w => present.Any(p => p.Name == w.Name && p.Port == w.Port));

    private Task<BackendState> StateAsync(CancellationToken ct) => RouterCall(() => router.ReadStateAsync(options.Backend, ct));

    private async Task<T> RouterCall<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (TrafficRouterException e)
        {
            throw Failure(e);
        }
    }

    private async Task RouterCall(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (TrafficRouterException e)
        {
            throw Failure(e);
        }
    }

    private DeployTargetException Failure(TrafficRouterException e) =>
        new(DeployErrorKind.RouterError, $"The traffic router ({options.RuntimeApi.Display}, backend {options.Backend}) failed: {e.Message}", e);
}
