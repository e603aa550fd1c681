using System.Diagnostics;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// I/O: <see cref="ITrafficRouter"/> over a running HAProxy's runtime API: Shipgate's own (<see cref="HaproxyProcess"/>)
/// or a user's, given its socket. Every change is a runtime command: no reload, no connection dropped. The backend must
/// exist in HAProxy's configuration with a dynamic balance algorithm (roundrobin, leastconn, random); servers are added
/// and deleted at runtime (HAProxy 2.5 or later).
/// </summary>
public sealed class HaproxyRouter(RuntimeApiClient api, HaproxyHealthCheck healthCheck) : ITrafficRouter
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan DeleteRetryWindow = TimeSpan.FromSeconds(2);

    public HaproxyRouter(RuntimeApiEndpoint endpoint, HaproxyHealthCheck? healthCheck = null)
        : this(new RuntimeApiClient(endpoint), healthCheck ?? new HaproxyHealthCheck())
    {
    }

    public int MaxWeight => HaproxyNames.MaxWeight;

    public async Task EnsureBackendAsync(string backend, IReadOnlyList<RoutedServer> servers, CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(backend, cancellationToken).ConfigureAwait(false);
        foreach (var server in servers)
        {
            var present = state.Find(server.Name);
            if (present is null)
            {
                // A new server starts in maintenance: check it, then let it in; it takes traffic once a check passes.
                await AddAsync(backend, server, cancellationToken).ConfigureAwait(false);
                await RunSilentAsync(
                    [HaproxyCommands.EnableHealthChecks(backend, server.Name), HaproxyCommands.EnableServer(backend, server.Name)],
                    cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (present.Host != server.Host || present.Port != server.Port)
                throw new TrafficRouterException(
                    RouterErrorKind.InvalidArgument,
                    $"{backend}/{server.Name} already routes to {present.Host}:{present.Port}, not {server.Host}:{server.Port}: remove it first");
            var commands = new List<string> { HaproxyCommands.SetWeight(backend, server.Name, server.Weight) };
            if (present.Admin != ServerAdminState.Ready)
                commands.Add(HaproxyCommands.SetState(backend, server.Name, HaproxyServerStateCommand.Ready));
            await RunSilentAsync(commands, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SetWeightsAsync(string backend, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken = default)
    {
        var commands = weights.Select(w => HaproxyCommands.SetWeight(backend, w.Key, w.Value)).ToList();
        // HAProxy runs a line up to the command it refuses: check the names first, so a wrong one changes nothing.
        var state = await ReadStateAsync(backend, cancellationToken).ConfigureAwait(false);
        var unknown = weights.Keys.Where(server => state.Find(server) is null).ToList();
        if (unknown.Count > 0)
            throw new TrafficRouterException(
                RouterErrorKind.InvalidArgument,
                $"HAProxy at {api.Endpoint.Display}, backend {backend} has no server {string.Join(", ", unknown)}: no weight was changed");
        // One line: HAProxy applies the weights back to back, so no request sees half of the change for long.
        await RunSilentAsync(commands, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServerRemoval> DrainAndRemoveAsync(string backend, string server, TimeSpan drainTimeout, CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(backend, cancellationToken).ConfigureAwait(false);
        if (state.Find(server) is null)
            return new ServerRemoval(server, WasPresent: false, DrainedCleanly: true, SessionsCut: 0, TimeSpan.Zero);

        var clock = Stopwatch.StartNew();
        await RunSilentAsync([HaproxyCommands.SetState(backend, server, HaproxyServerStateCommand.Drain)], cancellationToken).ConfigureAwait(false);
        var inFlight = await SessionsAsync(backend, server, cancellationToken).ConfigureAwait(false);
        while (inFlight > 0 && clock.Elapsed < drainTimeout)
        {
            await Task.Delay(DrainPoll, cancellationToken).ConfigureAwait(false);
            inFlight = await SessionsAsync(backend, server, cancellationToken).ConfigureAwait(false);
        }

        var drainTime = clock.Elapsed;
        var maintenance = new List<string> { HaproxyCommands.SetState(backend, server, HaproxyServerStateCommand.Maint) };
        if (inFlight > 0)
            maintenance.Add(HaproxyCommands.ShutdownSessions(backend, server));
        await RunSilentAsync(maintenance, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(backend, server, cancellationToken).ConfigureAwait(false);
        return new ServerRemoval(server, WasPresent: true, DrainedCleanly: inFlight == 0, SessionsCut: inFlight, drainTime);
    }

    public async Task<BackendState> ReadStateAsync(string backend, CancellationToken cancellationToken = default)
    {
        var serversState = await api.SendAsync(HaproxyCommands.ShowServersState(backend), cancellationToken).ConfigureAwait(false);
        if (HaproxyReplies.IsNoSuchBackend(serversState))
            throw new TrafficRouterException(
                RouterErrorKind.NoSuchBackend, $"HAProxy at {api.Endpoint.Display} has no backend {backend}: {serversState.Trim()}");
        var stats = await api.SendAsync(HaproxyCommands.ShowServerStats(backend), cancellationToken).ConfigureAwait(false);
        try
        {
            return HaproxyReplies.ToBackendState(backend, serversState, stats);
        }
        catch (FormatException e)
        {
            throw new TrafficRouterException(RouterErrorKind.CommandRefused, $"HAProxy at {api.Endpoint.Display}, backend {backend}: {e.Message}", e);
        }
    }

    private async Task<int> SessionsAsync(string backend, string server, CancellationToken cancellationToken)
    {
        var stats = await api.SendAsync(HaproxyCommands.ShowServerStats(backend), cancellationToken).ConfigureAwait(false);
        return HaproxyReplies.ParseServerStats(stats).GetValueOrDefault(server)?.CurrentSessions ?? 0;
    }

    /// <summary>`del server` is refused while the server's last connections close: retried for a short while.</summary>
    private async Task DeleteAsync(string backend, string server, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var reply = await api.SendAsync(HaproxyCommands.DeleteServer(backend, server), cancellationToken).ConfigureAwait(false);
            var refusal = HaproxyReplies.RefusalUnless(reply, HaproxyReplies.ServerDeleted);
            if (refusal is null)
                return;
            if (!HaproxyReplies.IsStillConnected(refusal) || clock.Elapsed > DeleteRetryWindow)
                throw Refused(HaproxyCommands.DeleteServer(backend, server), refusal);
            await Task.Delay(DrainPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AddAsync(string backend, RoutedServer server, CancellationToken cancellationToken)
    {
        var command = HaproxyCommands.AddServer(backend, server, healthCheck);
        var reply = await api.SendAsync(command, cancellationToken).ConfigureAwait(false);
        if (HaproxyReplies.RefusalUnless(reply, HaproxyReplies.ServerAdded) is not { } refusal)
            return;
        if (HaproxyReplies.IsRuntimeServersUnsupported(refusal))
            throw new TrafficRouterException(
                RouterErrorKind.CommandRefused,
                $"HAProxy at {api.Endpoint.Display} cannot add servers at runtime (HAProxy 2.5 or later can): '{refusal}'. " +
                "Declare the servers in its configuration instead.");
        throw Refused(command, refusal);
    }

    private async Task RunSilentAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
            return;
        var line = HaproxyCommands.Batch(commands);
        var reply = await api.SendAsync(line, cancellationToken).ConfigureAwait(false);
        if (HaproxyReplies.RefusalOfSilentCommand(reply) is { } refusal)
            throw Refused(line, refusal);
    }

    private TrafficRouterException Refused(string command, string refusal) =>
        new(RouterErrorKind.CommandRefused, $"HAProxy at {api.Endpoint.Display} refused '{command}': {refusal}");
}
