using System.Net;
using System.Net.Sockets;

namespace Shipgate.Testing;

/// <summary>Loopback ports nothing listens on, picked by the kernel, so tests never collide with each other or with the local stack.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
