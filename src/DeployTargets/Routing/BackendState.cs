namespace Shipgate.DeployTargets.Routing;

/// <summary>What the health checks say about a server.</summary>
public enum ServerHealth
{
    Up,

    /// <summary>Checked and failing: it gets no traffic whatever its weight.</summary>
    Down,

    /// <summary>Added or come back, not yet passed enough checks.</summary>
    Starting,

    /// <summary>Up but going away (e.g. it answers its check with 404): no new traffic.</summary>
    Stopping,
}

/// <summary>What an operator (Shipgate) has asked of a server.</summary>
public enum ServerAdminState
{
    Ready,

    /// <summary>No new requests; the ones in flight finish.</summary>
    Draining,

    /// <summary>Out of the rotation (before removal, or by hand).</summary>
    Maintenance,
}

/// <summary>
/// One server of a backend: its weight, health, admin state, requests in flight, and requests the router has sent it
/// since it was added (<paramref name="TotalSessions"/>: what proves a weight change took effect).
/// </summary>
public sealed record ServerState(
    string Name, string Host, int Port, int Weight, ServerHealth Health, ServerAdminState Admin, int CurrentSessions,
    long TotalSessions = 0)
{
    /// <summary>Whether new requests can reach it now.</summary>
    public bool TakesTraffic => Weight > 0 && Admin == ServerAdminState.Ready && Health is ServerHealth.Up;
}

public sealed record BackendState(string Backend, IReadOnlyList<ServerState> Servers)
{
    public ServerState? Find(string server) => Servers.FirstOrDefault(s => s.Name == server);
}

/// <summary>How a removal went: whether every request in flight finished before the timeout, how long it took.</summary>
public sealed record ServerRemoval(string Server, bool WasPresent, bool DrainedCleanly, int SessionsCut, TimeSpan DrainTime);
