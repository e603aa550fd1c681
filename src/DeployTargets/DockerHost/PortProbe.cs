using System.Net;
using System.Net.Sockets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>Whether something already listens on a port (host networking: the new release must bind it).</summary>
internal static class PortProbe
{
    public static bool IsInUse(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Reuse-address lets the bind ignore TIME_WAIT leftovers of health probes; a live listener still refuses it.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Any, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
