using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// Pure: the names of a release's servers in the router's backend. A release with one instance (a Docker container)
/// is one server named by its release id; a release with several (the tasks of a Swarm service, each on its own port)
/// is one server per instance, <c>RELEASEID.N</c> from 1. Any other name is a user's own server, never touched.
/// </summary>
internal static partial class ReleaseServers
{
    /// <summary>The servers of a release listening on these ports, in order.</summary>
    public static IReadOnlyList<(string Name, int Port)> For(string releaseId, IReadOnlyList<int> ports) =>
        ports.Count == 1
            ? [(releaseId, ports[0])]
            : ports.Select((port, i) => (string.Create(CultureInfo.InvariantCulture, $"{releaseId}.{i + 1}"), port)).ToList();

    /// <summary>The release a server belongs to; null for a server that is not a release's.</summary>
    public static string? ReleaseOf(string serverName) =>
        ServerPattern().Match(serverName) is { Success: true } match ? match.Groups["release"].Value : null;

    // ReleaseIds.New: 20261123T181500123-3fa9c2, then .N for one instance among several.
    [GeneratedRegex(@"^(?<release>[0-9]{8}T[0-9]{9}-[0-9a-f]{6})(\.[0-9]{1,3})?$")]
    private static partial Regex ServerPattern();
}
