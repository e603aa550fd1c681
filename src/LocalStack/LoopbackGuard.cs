using System.Net;

namespace Shipgate.LocalStack;

/// <summary>The local stack only ever talks to this machine's loopback interface (docs/architecture.md, "The embedded stack").</summary>
public static class LoopbackGuard
{
    /// <summary>Throws unless <paramref name="uri"/> is an absolute http(s) address on 127.0.0.0/8, ::1 or localhost.</summary>
    public static Uri Require(Uri uri, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(uri, parameterName);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{uri}' is not an absolute http(s) address.", parameterName);
        }

        var host = uri.IdnHost.Trim('[', ']');
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        return loopback
            ? uri
            : throw new ArgumentException(
                $"'{uri}' is not a loopback address: the local stack only sends traffic to 127.0.0.1, ::1 or localhost.",
                parameterName);
    }
}
