namespace Shipgate.Gates.Providers;

/// <summary>The metrics backend could not answer. Messages never carry credentials.</summary>
public abstract class MetricSourceException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth retrying: the same request may succeed a moment later.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>No HTTP answer at all: refused, unreachable, TLS handshake failed, timed out.</summary>
public sealed class MetricSourceConnectionException(string message, Exception? inner = null) : MetricSourceException(message, inner)
{
    public override bool IsTransient => true;
}

/// <summary>The server refused the request (4xx): bad query, bad credentials, wrong path. Retrying will not help.</summary>
public class MetricSourceClientException(int statusCode, string? errorType, string message) : MetricSourceException(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorType { get; } = errorType;

    public override bool IsTransient => StatusCode == 429;
}

/// <summary>The server failed (5xx), e.g. overloaded or a query timeout. Retried with backoff.</summary>
public sealed class MetricSourceServerException(int statusCode, string? errorType, string message) : MetricSourceException(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorType { get; } = errorType;

    public override bool IsTransient => true;
}

/// <summary>The server says the query does not parse; <see cref="ServerError"/> is its own message.</summary>
public sealed class InvalidQueryException(string query, string serverError)
    : MetricSourceClientException(400, "bad_data", $"invalid query: {serverError}")
{
    public string Query { get; } = query;

    public string ServerError { get; } = serverError;
}
