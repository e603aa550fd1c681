using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// Where HAProxy's runtime API listens: a unix socket (`stats socket /run/haproxy/admin.sock`) or a TCP address
/// (`stats socket ipv4@127.0.0.1:9999`). Shipgate's own HAProxy uses a unix socket; a user's may use either.
/// </summary>
public sealed record RuntimeApiEndpoint
{
    private RuntimeApiEndpoint(EndPoint endPoint, string display)
    {
        EndPoint = endPoint;
        Display = display;
    }

    public EndPoint EndPoint { get; }

    /// <summary>For messages: the socket path or the address.</summary>
    public string Display { get; }

    public static RuntimeApiEndpoint UnixSocket(string path) => new(new UnixDomainSocketEndPoint(path), path);

    public static RuntimeApiEndpoint Tcp(IPAddress address, int port) =>
        new(new IPEndPoint(address, port), $"{address}:{port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>"/path/admin.sock", "unix:/path/admin.sock", "tcp://127.0.0.1:9999" or "127.0.0.1:9999".</summary>
    public static RuntimeApiEndpoint Parse(string value)
    {
        if (value.StartsWith("unix:", StringComparison.Ordinal))
            return UnixSocket(value["unix:".Length..]);
        if (value.StartsWith('/'))
            return UnixSocket(value);
        var address = value.StartsWith("tcp://", StringComparison.Ordinal) ? value["tcp://".Length..] : value;
        if (IPEndPoint.TryParse(address, out var ip) && ip.Port > 0)
            return Tcp(ip.Address, ip.Port);
        throw new TrafficRouterException(
            RouterErrorKind.InvalidArgument,
            $"HAProxy runtime socket '{value}': a socket path (/run/haproxy/admin.sock) or an address (tcp://127.0.0.1:9999)");
    }

    internal Socket NewSocket() => EndPoint is UnixDomainSocketEndPoint
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
}
