using Shipgate.Gates.Providers;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// A real Prometheus behind a proxy that turns slow: after <paramref name="fastCalls"/> answers, every query
/// waits <paramref name="delay"/> before it is asked, as an overloaded server answers.
/// </summary>
internal sealed class DelayingSource(IMetricSource inner, int fastCalls, TimeSpan delay) : IMetricSource
{
    private int _calls;

    public async Task<QueryResult> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await SlowDownAsync(cancellationToken);
        return await inner.QueryAsync(query, at, cancellationToken);
    }

    public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        await SlowDownAsync(cancellationToken);
        return await inner.QueryRangeAsync(query, start, end, step, cancellationToken);
    }

    public Task ValidateAsync(string query, CancellationToken cancellationToken) => inner.ValidateAsync(query, cancellationToken);

    public Task<IReadOnlyList<FiringAlert>> FiringAlertsAsync(CancellationToken cancellationToken) => inner.FiringAlertsAsync(cancellationToken);

    private Task SlowDownAsync(CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) > fastCalls ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
}
