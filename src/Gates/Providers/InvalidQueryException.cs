namespace Shipgate.Gates.Providers;

/// <summary>The server says the query does not parse; <see cref="ServerError"/> is its own message.</summary>
public sealed class InvalidQueryException(string query, string serverError)
    : MetricSourceClientException(400, "bad_data", $"invalid query: {serverError}")
{
    public string Query { get; } = query;

    public string ServerError { get; } = serverError;
}
