using System.Collections.Concurrent;
using Shipgate.Core.Text;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// Asks whether a version is scraped at a measurement (its <c>up</c> series over a recent range) and judges
/// the answer with <see cref="ScrapeJudge"/>. Gates measured at the same instant share one query per version.
/// </summary>
internal sealed class ScrapeCheck(IMetricSource source, string selectorTemplate)
{
    /// <summary>The shortest range looked at, so that a slow scrape interval still gives a few samples.</summary>
    private static readonly TimeSpan MinimumRange = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Query, DateTimeOffset At), Lazy<Task<QueryResult>>> _answers = new();

    /// <summary>The <c>up</c> selector of the version <paramref name="context"/> renders.</summary>
    public string Selector(ReleaseContext context) => $"up{{{context.Render(selectorTemplate)}}}";

    public async Task<ScrapeState> CheckAsync(ReleaseContext context, string what, DateTimeOffset at, QueryLog log, CancellationToken cancellationToken)
    {
        var range = context.Window > MinimumRange ? context.Window : MinimumRange;
        var selector = Selector(context);
        var query = $"{selector}[{PromDuration.Format(range)}]";
        log.Record(query);
        foreach (var old in _answers.Keys.Where(k => k.At < at - TimeSpan.FromMinutes(1)))
            _answers.TryRemove(old, out _);
        var answer = _answers.GetOrAdd((query, at), key => new Lazy<Task<QueryResult>>(() => source.QueryAsync(key.Query, key.At, cancellationToken)));
        var result = await answer.Value.ConfigureAwait(false);
        return ScrapeJudge.Judge(result, $"{what} ({selector})", at, range, context.Window);
    }
}
