using System.Net;
using System.Net.Sockets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// Whether something already holds the address the new release must bind (host networking). It tries the very bind
/// the service will make, so a listener on another address of the same port (127.0.0.2:PORT) does not count, while a
/// wildcard listener (0.0.0.0:PORT) or one on the same address does.
/// </summary>
internal static class PortProbe
{
    public static bool IsInUse(int port, IPAddress address)
    {
        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // Reuse-address lets the bind ignore TIME_WAIT leftovers of health probes; a live listener still refuses it.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
