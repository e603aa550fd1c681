using Shipgate.Core.Text;
using Shipgate.Gates.Observers;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Verification;

/// <summary>
/// Before an analysis that compares with a baseline: does the backend hold any of the baseline's data
/// where the gates will read it (its scrape targets' <c>up</c> samples)? Data expires (retention, a new
/// Prometheus, lost storage); a release must not be blocked for ever because a previous version's did.
/// </summary>
internal static class BaselineProbe
{
    private static readonly TimeSpan MinimumRange = TimeSpan.FromMinutes(1);

    /// <summary>Why the baseline has no data, or null when it has some.</summary>
    public static async Task<string?> MissingDataAsync(IMetricSource source, ReleaseContext release, string scrapeSelector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var baseline = release.ForBaseline();
        var at = release.BaselineAt(now);
        var range = release.Window > MinimumRange ? release.Window : MinimumRange;
        var selector = new ScrapeCheck(source, scrapeSelector).Selector(baseline);
        var result = await source.QueryAsync($"{selector}[{PromDuration.Format(range)}]", at, cancellationToken).ConfigureAwait(false);
        if (result.Series.Any(s => s.Samples.Count > 0))
            return null;
        var when = release.BaselineTime is { } t ? $"in the {PromDuration.Format(range)} before {t:u} (the end of its own verification)" : $"in the last {PromDuration.Format(range)}";
        return $"baseline version {baseline.Values["version"]} has no data in the metrics backend: {selector} has no sample {when}; its data expired, or it was never scraped";
    }
}
