namespace Shipgate.Gates.Providers;

/// <summary>No HTTP answer at all: refused, unreachable, TLS handshake failed, timed out.</summary>
public sealed class MetricSourceConnectionException(string message, Exception? inner = null) : MetricSourceException(message, inner)
{
    public override bool IsTransient => true;
}
