namespace Shipgate.Gates.Providers;

/// <summary>The server failed (5xx), e.g. overloaded or a query timeout. Retried with backoff.</summary>
public sealed class MetricSourceServerException(int statusCode, string? errorType, string message) : MetricSourceException(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorType { get; } = errorType;

    public override bool IsTransient => true;
}
