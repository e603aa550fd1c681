namespace Shipgate.Gates.Analysis;

/// <summary>
/// Whether a version is being scraped at a measurement, read from its <c>up</c> series: the problem when it
/// is not (never scraped, an instance down or no longer scraped), when its oldest sample in the range was
/// taken, and the scrape interval seen.
/// </summary>
/// <param name="Problem">Why the version's data cannot be trusted now, or null when every instance is up and freshly scraped.</param>
/// <param name="FirstSample">The oldest <c>up</c> sample in the range looked at.</param>
/// <param name="Interval">The scrape interval (the median spacing of samples), when there were two samples or more.</param>
/// <param name="Instances">How many scraped instances (series) the version has.</param>
public sealed record ScrapeState(string? Problem, DateTimeOffset? FirstSample, TimeSpan? Interval, int Instances)
{
    /// <summary>Slack on the interval for the coverage check: one scrape may still be in flight.</summary>
    public TimeSpan Tolerance => ScrapeJudge.Tolerance(Interval);

    /// <summary>
    /// The version's series reach back over the whole window ending at <paramref name="at"/>: <c>increase()</c>
    /// over a younger series extrapolates from a few samples, and per-bucket extrapolation distorts a histogram.
    /// </summary>
    public bool Covers(DateTimeOffset at, TimeSpan window) => FirstSample is { } first && first <= at - window + Tolerance;
}
