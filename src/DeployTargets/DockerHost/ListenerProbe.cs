using System.Globalization;
using System.Net;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// Who holds the listening socket on an address and port, read from /proc when the engine runs on this host: the
/// listening sockets come from the container's network namespace (/proc/PID/net/tcp, tcp6), the container's processes
/// are those whose /proc/N/cgroup names the container id, and a socket is theirs when one of their descriptors is
/// socket:[inode]. Anything it cannot see (another host, another pid namespace, no /proc) is
/// <see cref="ListenerOwner.NotChecked"/>, never a pass or a failure by itself.
/// </summary>
internal static class ListenerProbe
{
    private const string ListenState = "0A";

    /// <summary>
    /// Whether this host shows the container's process: the pid the engine reports exists here and its cgroup names the
    /// container. False both when the engine runs in another pid namespace and when the process has just exited: the
    /// caller tells the two apart by asking the engine again.
    /// </summary>
    public static bool Sees(string containerId, long containerPid) =>
        OperatingSystem.IsLinux() && containerPid > 0 && InContainer(containerPid.ToString(CultureInfo.InvariantCulture), containerId);

    /// <summary>Who holds the listeners on the address and port; call after <see cref="Sees"/>.</summary>
    public static (ListenerOwner Owner, string Detail) Check(string containerId, long containerPid, IPAddress address, int port)
    {
        var where = $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
        var pid = containerPid.ToString(CultureInfo.InvariantCulture);

        var listening = ListeningInodes(pid, address, port);
        if (listening.Count == 0) return (ListenerOwner.Nobody, $"nothing listens on {where}");
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var process in Processes().Where(p => InContainer(p, containerId)))
            ours.UnionWith(SocketInodes(process).Intersect(listening));
        var foreign = listening.Except(ours).ToList();
        if (foreign.Count == 0) return (ListenerOwner.Container, where);
        return (ListenerOwner.Foreign, $"{where} is held by {OwnerOf(foreign[0])}");
    }

    private static bool InContainer(string pid, string containerId)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cgroup").Contains(containerId, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Inodes of sockets in LISTEN on <paramref name="port"/> whose address takes connections to <paramref name="address"/>.</summary>
    private static HashSet<string> ListeningInodes(string pid, IPAddress address, int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/{pid}/net/{table}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != ListenState) continue;
                var local = fields[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port) continue;
                if (Reaches(ParseAddress(local[0]), address)) inodes.Add(fields[9]);
            }
        }
        return inodes;
    }

    /// <summary>A listener on <paramref name="listener"/> takes connections to <paramref name="target"/>: the same address, or a wildcard.</summary>
    private static bool Reaches(IPAddress listener, IPAddress target) =>
        listener.Equals(IPAddress.Any) || listener.Equals(IPAddress.IPv6Any) || listener.Equals(target)
        || (listener.IsIPv4MappedToIPv6 && listener.MapToIPv4().Equals(target));

    /// <summary>/proc/net/tcp writes addresses as hex of the in-memory (little-endian per 32-bit word) bytes.</summary>
    private static IPAddress ParseAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes);
    }

    private static IEnumerable<string> Processes() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n is { Length: > 0 } && n.All(char.IsAsciiDigit))!;

    private static IEnumerable<string> SocketInodes(string pid)
    {
        string[] descriptors;
        try
        {
            descriptors = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var descriptor in descriptors)
        {
            string? target;
            try
            {
                target = new FileInfo(descriptor).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) yield return target[8..^1];
        }
    }

    private static string OwnerOf(string inode)
    {
        foreach (var process in Processes())
        {
            if (!SocketInodes(process).Contains(inode)) continue;
            string name;
            try
            {
                name = File.ReadAllText($"/proc/{process}/comm").Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                name = "?";
            }
            return $"pid {process} ({name})";
        }
        return $"a process this host does not show (socket {inode})";
    }

    /// <summary>The address a health URL's host names; null when it is a name other than localhost (then the listen address is used).</summary>
    public static IPAddress? AddressOf(Uri url) =>
        IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) ? address
        : url.IsLoopback ? IPAddress.Loopback
        : null;
}
