using Shipgate.Gates.Providers;

namespace Shipgate.Gates.Observers;

/// <summary>
/// The queries one observation sends, recorded as sent (before the answer, so a failed one is kept too),
/// with the single-number reading every kind needs.
/// </summary>
internal sealed class QueryLog(IMetricSource source)
{
    private readonly List<string> _queries = [];

    public IReadOnlyList<string> Queries => _queries;

    public async Task<QueryResult> InstantAsync(string query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _queries.Add(query);
        return await source.QueryAsync(query, at, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QueryResult> RangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        _queries.Add($"{query} [range {start:O} .. {end:O} step {step.TotalSeconds}s]");
        return await source.QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a query another component sent on this observation's behalf (its answer was shared).</summary>
    public void Record(string query) => _queries.Add(query);

    public async Task<IReadOnlyList<string>> LabelNamesAsync(string selector, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        _queries.Add($"label names of {selector} [{start:O} .. {end:O}]");
        return await source.LabelNamesAsync(selector, start, end, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(double? Value, string? Problem)> NumberAsync(string query, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await InstantAsync(query, at, cancellationToken).ConfigureAwait(false)).AsSingleNumber();
}
