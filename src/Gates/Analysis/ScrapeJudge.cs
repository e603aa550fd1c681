using System.Globalization;
using Shipgate.Gates.Providers;

namespace Shipgate.Gates.Analysis;

/// <summary>
/// Pure: from a version's <c>up</c> samples over a recent range to whether its data can be trusted at
/// <c>at</c>. A version whose instances died or stopped being scraped still has samples inside every
/// <c>increase()</c> window for a while, so its gates would keep passing on the past: here that is no data.
/// </summary>
public static class ScrapeJudge
{
    /// <summary>Assumed when no two samples give the interval (a version scraped once so far).</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromSeconds(15);

    /// <summary>How old the newest sample may be: two and a half intervals, and at least one interval plus 2 s.</summary>
    public static TimeSpan Tolerance(TimeSpan? interval) => interval is { } i
        ? TimeSpan.FromTicks(Math.Max((long)(i.Ticks * 2.5), (i + TimeSpan.FromSeconds(2)).Ticks))
        : DefaultTolerance;

    /// <param name="up">The range-vector result of <c>up{selector}[range]</c> evaluated at <paramref name="at"/>.</param>
    /// <param name="what">The version in words, e.g. <c>version "2" (up{service="s",version="2"})</c>.</param>
    /// <param name="at">When the measurement is taken.</param>
    /// <param name="range">The range the samples were read over.</param>
    /// <param name="window">The gate's window: an instance that went down inside it (after it had been up) restarted or
    /// crashed while the measured counters were counting, and that is evidence, not a detail to smooth over.</param>
    public static ScrapeState Judge(QueryResult up, string what, DateTimeOffset at, TimeSpan range, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(up);
        var series = up.Series.Where(s => s.Samples.Count > 0).ToList();
        if (series.Count == 0)
            return new ScrapeState($"{what} has no scrape in the last {Seconds(range)}: never scraped, or no longer", null, null, 0);

        var spacings = series.SelectMany(s => s.Samples.Zip(s.Samples.Skip(1), (a, b) => b.Time - a.Time)).Where(d => d > TimeSpan.Zero).Order().ToList();
        TimeSpan? interval = spacings.Count > 0 ? spacings[spacings.Count / 2] : null;
        var tolerance = Tolerance(interval);
        var first = series.Min(s => s.Samples[0].Time);
        var problems = new List<string>();
        foreach (var instance in series)
        {
            var last = instance.Samples[^1];
            var name = instance.Labels.TryGetValue("instance", out var i) ? i : QueryResult.FormatLabels(instance.Labels);
            var age = at - last.Time;
            if (age > tolerance)
                problems.Add($"instance {name} was last scraped {Seconds(age)} ago (scrape interval {(interval is { } iv ? Seconds(iv) : "unknown")}): it is no longer scraped");
            else if (last.Value != 1)
                problems.Add($"instance {name} is down (up = {last.Value.ToString(CultureInfo.InvariantCulture)}): its metrics could not be scraped");
            else if (window is { } w && DownAfterUp(instance.Samples, at - w) is { } down)
                problems.Add($"instance {name} was down {down.Count} time(s) in the last {Seconds(w)} after it had been up (last at {down.Last:HH:mm:ss}): it restarted or crashed while measured");
        }

        var problem = problems.Count == 0 ? null : $"{what}: {string.Join("; ", problems)}";
        return new ScrapeState(problem, first, interval, series.Count);
    }

    /// <summary>Scrapes that failed (up != 1) since <paramref name="since"/>, counted only after the instance was first up (not its start-up).</summary>
    private static (int Count, DateTimeOffset Last)? DownAfterUp(IReadOnlyList<Sample> samples, DateTimeOffset since)
    {
        var firstUp = samples.FirstOrDefault(s => s.Value == 1);
        if (firstUp is null)
            return null;
        var down = samples.Where(s => s.Time >= since && s.Time > firstUp.Time && s.Value != 1).ToList();
        return down.Count == 0 ? null : (down.Count, down[^1].Time);
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#}s");
}
