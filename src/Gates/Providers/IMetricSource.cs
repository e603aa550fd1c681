namespace Shipgate.Gates.Providers;

/// <summary>
/// A metrics backend, in the manner of Argo Rollouts' metric providers: one implementation per folder
/// (Prometheus today). Failures are <see cref="MetricSourceException"/>s telling connection problems,
/// client errors (4xx) and server errors (5xx) apart.
/// </summary>
public interface IMetricSource
{
    /// <summary>An instant query, evaluated at <paramref name="at"/> (the server's now when null).</summary>
    Task<QueryResult> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken);

    /// <summary>A range query from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken);

    /// <summary>Asks the server whether the query parses; throws <see cref="InvalidQueryException"/> with the server's message when not.</summary>
    Task ValidateAsync(string query, CancellationToken cancellationToken);

    /// <summary>Alerts firing now.</summary>
    Task<IReadOnlyList<FiringAlert>> FiringAlertsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The label names of the series <paramref name="selector"/> selects that have samples between
    /// <paramref name="start"/> and <paramref name="end"/> (<c>__name__</c> excluded). Empty: no such series.
    /// The default asks an instant query for the series' last values; a backend with a label API overrides it.
    /// </summary>
    async Task<IReadOnlyList<string>> LabelNamesAsync(string selector, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var range = Shipgate.Core.Text.PromDuration.Format(TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((end - start).TotalSeconds))));
        var result = await QueryAsync($"last_over_time({selector}[{range}])", end, cancellationToken).ConfigureAwait(false);
        return result.Series.SelectMany(s => s.Labels.Keys).Where(k => k != "__name__").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
