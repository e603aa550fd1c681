using System.Diagnostics;
using System.Text.RegularExpressions;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// I/O: the router steps of a Docker release, over <see cref="ITrafficRouter"/>. One server per release, named by its
/// release id; servers with other names (a user's own) are never touched. Router failures become
/// <see cref="DeployTargetException"/>s naming the router.
/// </summary>
internal sealed partial class DockerRouting(DockerRouterOptions options, ITrafficRouter router)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public DockerRouting(DockerRouterOptions options)
        : this(options, new HaproxyRouter(options.RuntimeApi, options.HealthCheck))
    {
    }

    public string Backend => options.Backend;

    /// <summary>The weight of every release's server in the backend (servers named otherwise are left out).</summary>
    public async Task<IReadOnlyDictionary<string, int>> WeightsAsync(CancellationToken ct) =>
        (await StateAsync(ct).ConfigureAwait(false)).Servers.Where(s => IsReleaseServer(s.Name)).ToDictionary(s => s.Name, s => s.Weight, StringComparer.Ordinal);

    /// <summary>
    /// Makes the release's instance a server of the backend, ready, and waits until the router's own checks see it up
    /// and have passed <c>fall</c> times in a row: HAProxy lets a server leaving maintenance in at the lowest health, where one
    /// failed check (a dropped connection under load) takes it out again, and with all the traffic on it that is 503s.
    /// A server added here starts at weight 0; one already there keeps its weight (the serving release keeps serving).
    /// Null when it is up, else why not.
    /// </summary>
    public async Task<string?> AddAsync(string releaseId, int port, TimeSpan timeout, CancellationToken ct)
    {
        var present = (await StateAsync(ct).ConfigureAwait(false)).Find(releaseId);
        // Already in, up and ready (a release kept warm at weight 0 is checked all along): a rollback switches at once.
        if (present is { Health: ServerHealth.Up, Admin: ServerAdminState.Ready } && present.Port == port) return null;
        if (present is not null && present.Port != port)
        {
            await RouterCall(() => router.DrainAndRemoveAsync(options.Backend, releaseId, options.DrainTimeout, ct)).ConfigureAwait(false);
            present = null;
        }
        await RouterCall(() => router.EnsureBackendAsync(options.Backend,
            [new RoutedServer(releaseId, options.InstanceHost, port, present?.Weight ?? 0)], ct)).ConfigureAwait(false);
        var settled = TimeSpan.FromMilliseconds(options.HealthCheck.IntervalMilliseconds * (options.HealthCheck.Fall - 1));
        var clock = Stopwatch.StartNew();
        TimeSpan? upSince = null;
        while (true)
        {
            var seen = (await StateAsync(ct).ConfigureAwait(false)).Find(releaseId);
            upSince = seen is { Health: ServerHealth.Up, Admin: ServerAdminState.Ready } ? upSince ?? clock.Elapsed : null;
            if (clock.Elapsed - upSince >= settled) return null;
            if (clock.Elapsed > timeout + settled)
                return $"the router ({options.RuntimeApi.Display}, backend {options.Backend}) did not see {releaseId} on port {port} up within {timeout.TotalSeconds:0.#} s (last: {seen?.Health.ToString() ?? "absent"})";
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// All the traffic to the release's server, 0 to every other release's. The new weight is set before the old ones
    /// drop, in two commands: HAProxy runs several threads, and one command line is not atomic for them, so lowering
    /// first (even on the same line) let requests find every weight at 0 and get 503 ("no server available").
    /// </summary>
    public async Task SwitchToAsync(string releaseId, CancellationToken ct)
    {
        var others = (await WeightsAsync(ct).ConfigureAwait(false)).Keys.Where(server => server != releaseId)
            .ToDictionary(server => server, _ => 0, StringComparer.Ordinal);
        await RouterCall(() => router.SetWeightsAsync(options.Backend, new Dictionary<string, int> { [releaseId] = router.MaxWeight }, ct)).ConfigureAwait(false);
        if (others.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, others, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// The canary at <paramref name="percent"/> of the traffic, the stable release at the rest (<see cref="WeightPlanner"/>
    /// over the router's range). Weights that rise are set before those that fall, in two commands, for the reason
    /// <see cref="SwitchToAsync"/> gives. Returns the percent the canary really gets with integer weights.
    /// </summary>
    public async Task<double> SplitAsync(string canaryId, string stableId, double percent, CancellationToken ct)
    {
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(percent, [stableId], [canaryId]), router.MaxWeight);
        var now = await WeightsAsync(ct).ConfigureAwait(false);
        var rising = plan.Weights.Where(w => w.Value >= now.GetValueOrDefault(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        var falling = plan.Weights.Where(w => !rising.ContainsKey(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        await RouterCall(() => router.SetWeightsAsync(options.Backend, rising, ct)).ConfigureAwait(false);
        if (falling.Count > 0)
            await RouterCall(() => router.SetWeightsAsync(options.Backend, falling, ct)).ConfigureAwait(false);
        return plan.EffectivePercent[CanaryStepSplit.Canary];
    }

    /// <summary>No new request to the release's server (weight 0), one runtime command; the others keep their weights.</summary>
    public Task StopSendingAsync(string releaseId, CancellationToken ct) =>
        RouterCall(() => router.SetWeightsAsync(options.Backend, new Dictionary<string, int> { [releaseId] = 0 }, ct));

    /// <summary>
    /// Waits until the server (at weight 0, so it gets no new request) has finished its requests in flight, up to the
    /// drain timeout; it stays in the backend (a switch back makes it serve again at once). True when it drained.
    /// </summary>
    public async Task<bool> DrainAsync(string releaseId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var server = (await StateAsync(ct).ConfigureAwait(false)).Find(releaseId);
            if (server is null || server.CurrentSessions == 0) return true;
            if (clock.Elapsed > options.DrainTimeout) return false;
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Drains the release's server (no new request, the ones in flight finish) and removes it; absent is fine.</summary>
    public Task<ServerRemoval> RemoveAsync(string releaseId, CancellationToken ct) =>
        RouterCall(() => router.DrainAndRemoveAsync(options.Backend, releaseId, options.DrainTimeout, ct));

    /// <summary>Whether a server name is a release's (what Shipgate added), as opposed to a user's own server.</summary>
    public static bool IsReleaseServer(string name) => ReleaseIdPattern().IsMatch(name);

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

    // ReleaseIds.New: 20261123T181500123-3fa9c2.
    [GeneratedRegex("^[0-9]{8}T[0-9]{9}-[0-9a-f]{6}$")]
    private static partial Regex ReleaseIdPattern();
}
