using System.Globalization;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>The admin state a runtime command can set on a server.</summary>
public enum HaproxyServerStateCommand
{
    Ready,
    Drain,
    Maint,
}

/// <summary>
/// Pure: the runtime API's command lines (HAProxy management guide, "Unix Socket commands"). Every name is checked
/// by <see cref="HaproxyNames"/> first, so no value can end a command and start another.
/// </summary>
public static class HaproxyCommands
{
    /// <summary>Commands joined into one line, run by HAProxy one after the other in one round trip.</summary>
    public static string Batch(IEnumerable<string> commands) => string.Join("; ", commands);

    public static string SetWeight(string backend, string server, int weight)
    {
        HaproxyNames.RequireWeight(weight);
        return $"set server {Target(backend, server)} weight {weight.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string SetState(string backend, string server, HaproxyServerStateCommand state) =>
        $"set server {Target(backend, server)} state {state.ToString().ToLowerInvariant()}";

    /// <summary>`add server` (HAProxy 2.5 and later without experimental mode): the server starts in maintenance.</summary>
    public static string AddServer(string backend, RoutedServer server, HaproxyHealthCheck check)
    {
        HaproxyNames.RequireName(backend, "backend");
        return $"add server {backend}/{ServerDefinition(server, check)}";
    }

    public static string EnableHealthChecks(string backend, string server) => $"enable health {Target(backend, server)}";

    public static string EnableServer(string backend, string server) => $"enable server {Target(backend, server)}";

    /// <summary>`del server`: the server must be in maintenance with no connection left.</summary>
    public static string DeleteServer(string backend, string server) => $"del server {Target(backend, server)}";

    public static string ShutdownSessions(string backend, string server) => $"shutdown sessions server {Target(backend, server)}";

    public static string ShowServersState(string backend)
    {
        HaproxyNames.RequireName(backend, "backend");
        return $"show servers state {backend}";
    }

    /// <summary>`show stat` of the backend's servers only (type 4), as CSV.</summary>
    public static string ShowServerStats(string backend)
    {
        HaproxyNames.RequireName(backend, "backend");
        return $"show stat {backend} 4 -1";
    }

    /// <summary>"NAME HOST:PORT weight W check …": the same in the configuration's `server` line and in `add server`.</summary>
    public static string ServerDefinition(RoutedServer server, HaproxyHealthCheck check)
    {
        HaproxyNames.RequireName(server.Name, "server");
        HaproxyNames.RequireHost(server.Host);
        HaproxyNames.RequirePort(server.Port);
        HaproxyNames.RequireWeight(server.Weight);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{server.Name} {server.Host}:{server.Port} weight {server.Weight} {check.ServerArguments}");
    }

    private static string Target(string backend, string server)
    {
        HaproxyNames.RequireName(backend, "backend");
        HaproxyNames.RequireName(server, "server");
        return $"{backend}/{server}";
    }
}
