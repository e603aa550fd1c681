namespace Shipgate.Gates.Providers;

/// <summary>The server refused the request (4xx): bad query, bad credentials, wrong path. Retrying will not help.</summary>
public class MetricSourceClientException(int statusCode, string? errorType, string message) : MetricSourceException(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorType { get; } = errorType;

    public override bool IsTransient => StatusCode == 429;
}
