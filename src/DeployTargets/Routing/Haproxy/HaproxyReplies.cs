using System.Globalization;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>One server as `show servers state` reports it (format version 1).</summary>
public sealed record HaproxyServerStateLine(
    string Name, string Address, int Port, int OperationalState, int AdminFlags, int UserWeight);

/// <summary>A server's sessions from `show stat`: in flight now (scur) and since it was added (stot).</summary>
public sealed record HaproxyServerStats(int CurrentSessions, long TotalSessions);

/// <summary>
/// Pure: reading the runtime API's answers. Commands that change something answer nothing when they succeed
/// (`set server`, `enable`, `shutdown`), or a fixed sentence (`add server`, `del server`); anything else is the
/// reason HAProxy refused.
/// </summary>
public static class HaproxyReplies
{
    public const string ServerAdded = "New server registered.";
    public const string ServerDeleted = "Server deleted.";

    // srv_admin flags (HAProxy's server-t.h): forced, inherited, configured, resolution and FQDN maintenance; drains.
    private const int MaintenanceFlags = 0x01 | 0x02 | 0x04 | 0x20;
    private const int DrainFlags = 0x08 | 0x10;

    /// <summary>Null when a command (or a batch) that answers nothing on success answered nothing.</summary>
    public static string? RefusalOfSilentCommand(string reply) =>
        string.IsNullOrWhiteSpace(reply) ? null : reply.Trim();

    /// <summary>Null when the reply is the expected sentence; otherwise the refusal.</summary>
    public static string? RefusalUnless(string reply, string expected) =>
        reply.Trim() == expected ? null : (reply.Trim().Length == 0 ? "(no answer)" : reply.Trim());

    /// <summary>Whether a refused `del server` may succeed when retried (connections were still closing).</summary>
    public static bool IsStillConnected(string refusal) =>
        refusal.Contains("connection", StringComparison.OrdinalIgnoreCase)
        || refusal.Contains("still", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether HAProxy refused `add server`/`del server` as a command it does not offer (before 2.5, or 2.4 outside experimental mode).</summary>
    public static bool IsRuntimeServersUnsupported(string refusal) =>
        refusal.Contains("Unknown command", StringComparison.OrdinalIgnoreCase)
        || refusal.Contains("experimental", StringComparison.OrdinalIgnoreCase);

    public static bool IsNoSuchBackend(string reply) =>
        reply.Contains("Can't find backend", StringComparison.OrdinalIgnoreCase)
        || reply.Contains("No such backend", StringComparison.OrdinalIgnoreCase);

    /// <summary>The servers of `show servers state BACKEND`; refuses anything that is not that table.</summary>
    public static IReadOnlyList<HaproxyServerStateLine> ParseServersState(string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2 || lines[0] != "1" || !lines[1].StartsWith("# ", StringComparison.Ordinal))
            throw new FormatException($"not a 'show servers state' answer (version 1): {FirstLine(reply)}");

        var columns = Columns(lines[1][2..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return lines.Skip(2).Where(l => !l.StartsWith('#')).Select(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string Field(string name) => fields[Column(columns, name)];
            return new HaproxyServerStateLine(
                Field("srv_name"), Field("srv_addr"), Number(Field("srv_port")), Number(Field("srv_op_state")),
                Number(Field("srv_admin_state")), Number(Field("srv_uweight")));
        }).ToList();
    }

    /// <summary>Sessions per server from `show stat` CSV (columns scur, stot); the BACKEND summary row left out.</summary>
    public static IReadOnlyDictionary<string, HaproxyServerStats> ParseServerStats(string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# pxname,", StringComparison.Ordinal))
            throw new FormatException($"not a 'show stat' answer: {FirstLine(reply)}");

        var columns = Columns(lines[0][2..].Split(','));
        var server = Column(columns, "svname");
        var current = Column(columns, "scur");
        var total = Column(columns, "stot");
        return lines.Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f.Length > Math.Max(current, total) && f[server] is not ("BACKEND" or "FRONTEND"))
            .ToDictionary(
                f => f[server],
                f => new HaproxyServerStats(Number(f[current]), long.Parse(Or0(f[total]), NumberStyles.Integer, CultureInfo.InvariantCulture)),
                StringComparer.Ordinal);
    }

    public static ServerHealth Health(int operationalState) => operationalState switch
    {
        0 => ServerHealth.Down,
        1 => ServerHealth.Starting,
        2 => ServerHealth.Up,
        3 => ServerHealth.Stopping,
        _ => throw new FormatException($"unknown srv_op_state {operationalState}"),
    };

    public static ServerAdminState Admin(int adminFlags) =>
        (adminFlags & MaintenanceFlags) != 0 ? ServerAdminState.Maintenance
        : (adminFlags & DrainFlags) != 0 ? ServerAdminState.Draining
        : ServerAdminState.Ready;

    /// <summary>The backend's state from both answers (a server missing from `show stat` has no session).</summary>
    public static BackendState ToBackendState(string backend, string serversState, string serverStats)
    {
        var stats = ParseServerStats(serverStats);
        var servers = ParseServersState(serversState).Select(s =>
        {
            var sessions = stats.GetValueOrDefault(s.Name) ?? new HaproxyServerStats(0, 0);
            return new ServerState(
                s.Name, s.Address, s.Port, s.UserWeight, Health(s.OperationalState), Admin(s.AdminFlags),
                sessions.CurrentSessions, sessions.TotalSessions);
        }).ToList();
        return new BackendState(backend, servers);
    }

    private static Dictionary<string, int> Columns(string[] names) =>
        names.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);

    private static int Column(Dictionary<string, int> columns, string name) =>
        columns.TryGetValue(name, out var index) ? index : throw new FormatException($"the answer has no column {name}");

    private static int Number(string field) => int.Parse(Or0(field), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Or0(string field) => field.Length == 0 ? "0" : field;

    private static string FirstLine(string reply) => reply.Split('\n')[0].Trim();
}
