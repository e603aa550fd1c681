using System.Net;
using System.Net.Sockets;

namespace Shipgate.Testing;

/// <summary>Loopback ports nothing listens on, so tests never collide with each other or with the local stack.</summary>
public static class FreePorts
{
    /// <summary>Below Linux's ephemeral range (32768–60999): no outgoing connection takes one of these meanwhile.</summary>
    private const int BlockRangeStart = 20_000;
    private const int BlockRangeEnd = 32_000;

    /// <summary>One port, picked by the kernel.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, outside the ephemeral range: a service behind a
    /// router runs its releases on the ports after its own, and a kernel-picked port's neighbours are the very ports
    /// outgoing connections are given.
    /// </summary>
    public static int NextBlock(int count)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var start = Random.Shared.Next(BlockRangeStart, BlockRangeEnd - count);
            if (Enumerable.Range(start, count).All(IsFree))
                return start;
        }

        throw new InvalidOperationException($"no {count} consecutive free loopback ports between {BlockRangeStart} and {BlockRangeEnd}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
