using System.Globalization;
using System.Text.RegularExpressions;
using Shipgate.Core.Text;
using Shipgate.Gates.Providers;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// The product's metric-source interface over one simulated release: answers the PromQL the gates send
/// (<c>sum(increase(counter{...}[w]))</c>, <c>sum by (le) (increase(histogram_bucket{...}[w]))</c>, and the
/// <c>up{...}[range]</c> scrape checks) from the simulated 1 s scrapes, exactly as <c>increase()</c> over whole
/// scrapes would. Each version is one <c>version</c> label value: a version that starts serving at
/// <see cref="Start"/> (the candidate, a fresh concurrent baseline) is scraped from then on; one that served before
/// (the previous version) has been scraped all along, and its history answers windows reaching back before the start.
/// Any other query is an error, so a gate that asks for something unsimulated shows up as a backend error.
/// </summary>
public sealed partial class SimulatedPrometheus(IReadOnlyList<ServingVersion> versions, DateTimeOffset start) : IMetricSource
{
    public const string Service = "modelservice";
    public const string Requests = "modelservice_requests_total";
    public const string Latency = "modelservice_request_duration_seconds";
    public const string Predictions = "modelservice_prediction_value";

    private readonly Dictionary<string, (VersionMetrics Metrics, bool StartedAtStart, int Port)> _versions =
        versions.Select((v, i) => (v, i)).ToDictionary(x => x.v.Label, x => (x.v.Metrics, x.v.StartedAtStart, 8080 + x.i), StringComparer.Ordinal);

    /// <summary>The side-by-side release of the Gate accuracy benchmark: labels <c>baseline</c> (served before) and <c>candidate</c>.</summary>
    public SimulatedPrometheus(SimulatedRelease release, DateTimeOffset start)
        : this(SideBySide(release), start)
    {
    }

    public DateTimeOffset Start { get; } = start;

    public Task<QueryResult> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = at ?? throw new MetricSourceServerException(422, "unsupported", "the simulation answers only queries at a given time");
        if (UpQuery().Match(query) is { Success: true } up)
            return Task.FromResult(Up(Labels(up.Groups["m"].Value), PromDuration.Parse(up.Groups["r"].Value), now));
        if (CounterQuery().Match(query) is { Success: true } counter && counter.Groups["name"].Value == Requests)
            return Task.FromResult(Counter(Labels(counter.Groups["m"].Value), PromDuration.Parse(counter.Groups["w"].Value), now));
        if (BucketQuery().Match(query) is { Success: true } buckets)
            return Task.FromResult(Buckets(buckets.Groups["name"].Value, Labels(buckets.Groups["m"].Value), PromDuration.Parse(buckets.Groups["w"].Value), now));
        throw new MetricSourceServerException(422, "unsupported", $"the simulation does not answer '{query}'");
    }

    public Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
        throw new MetricSourceServerException(422, "unsupported", $"the simulation answers no range queries ('{query}')");

    public Task ValidateAsync(string query, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<FiringAlert>> FiringAlertsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FiringAlert>>([]);

    /// <summary>The scrape's whole-second index of <paramref name="at"/> since the candidate started, within the simulation.</summary>
    private int Second(DateTimeOffset at) => Math.Clamp((int)Math.Floor((at - Start).TotalSeconds), 0, versions[0].Metrics.Requests.Length - 1);

    /// <summary>
    /// The scrapes a window covers: (at − window, at], clipped to the simulated minute, and the share of the
    /// version's history (before t = 0) it reaches back into.
    /// </summary>
    private (int From, int To, double HistoryShare) Span(DateTimeOffset at, TimeSpan window, VersionMetrics version)
    {
        var to = Second(at);
        var from = to - (int)Math.Ceiling(window.TotalSeconds);
        var share = from >= 0 || version.Before.Seconds <= 0 ? 0 : Math.Min(1, -from / version.Before.Seconds);
        return (Math.Max(0, from), to, share);
    }

    private static ServingVersion[] SideBySide(SimulatedRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return [new("baseline", release.Baseline, StartedAtStart: false), new("candidate", release.Candidate, StartedAtStart: true)];
    }

    private VersionMetrics? Version(IReadOnlyDictionary<string, string> labels) =>
        labels.GetValueOrDefault("service") == Service && labels.GetValueOrDefault("version") is { } version && _versions.TryGetValue(version, out var v)
            ? v.Metrics
            : null;

    private QueryResult Up(IReadOnlyDictionary<string, string> labels, TimeSpan range, DateTimeOffset at)
    {
        if (Version(labels) is null)
            return new QueryResult(QueryResultType.Matrix, []);
        var (_, startedAtStart, port) = _versions[labels["version"]];
        var first = startedAtStart ? Start : at - range;
        var samples = new List<Sample>();
        for (var t = Start.AddSeconds(Math.Ceiling((Max(first, at - range) - Start).TotalSeconds)); t <= at; t = t.AddSeconds(1))
            samples.Add(new Sample(t, 1));
        var series = new Dictionary<string, string>(labels) { ["__name__"] = "up", ["instance"] = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) };
        return new QueryResult(QueryResultType.Matrix, [new Series(series, samples)]);
    }

    private QueryResult Counter(IReadOnlyDictionary<string, string> labels, TimeSpan window, DateTimeOffset at)
    {
        if (Version(labels) is not { } v)
            return new QueryResult(QueryResultType.Vector, []);
        var (from, to, share) = Span(at, window, v);
        var errors = labels.ContainsKey("code");
        var counts = errors ? v.Errors : v.Requests;
        return Number(counts[to] - counts[from] + (share * (errors ? v.Before.Errors : v.Before.Requests)), at);
    }

    private QueryResult Buckets(string name, IReadOnlyDictionary<string, string> labels, TimeSpan window, DateTimeOffset at)
    {
        if (Version(labels) is not { } v || name is not (Latency or Predictions))
            return new QueryResult(QueryResultType.Vector, []);
        var (from, to, share) = Span(at, window, v);
        var (snapshots, bounds, before) = name == Latency
            ? (v.LatencyBuckets, SimulationSettings.LatencyBounds, v.Before.LatencyBuckets)
            : (v.PredictionBuckets, SimulationSettings.PredictionBounds, v.Before.PredictionBuckets);
        var history = 0.0;
        var series = bounds.Select((bound, k) => new Series(
            new Dictionary<string, string> { ["le"] = double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString("R", CultureInfo.InvariantCulture) },
            [new Sample(at, snapshots[to][k] - snapshots[from][k] + (share * (history += before.Length > k ? before[k] : 0)))])).ToList();
        return new QueryResult(QueryResultType.Vector, series);
    }

    private static QueryResult Number(double value, DateTimeOffset at) =>
        new(QueryResultType.Vector, [new Series(new Dictionary<string, string>(), [new Sample(at, value)])]);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Dictionary<string, string> Labels(string matchers) =>
        Matcher().Matches(matchers).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^up\{(?<m>[^}]*)\}\[(?<r>[0-9a-z]+)\]$")]
    private static partial Regex UpQuery();

    [GeneratedRegex(@"^sum\(increase\((?<name>[a-z_]+)\{(?<m>[^}]*)\}\[(?<w>[0-9a-z]+)\]\)\)$")]
    private static partial Regex CounterQuery();

    [GeneratedRegex(@"^sum by \(le\) \(increase\((?<name>[a-z_]+)_bucket\{(?<m>[^}]*)\}\[(?<w>[0-9a-z]+)\]\)\)$")]
    private static partial Regex BucketQuery();

    [GeneratedRegex(@"(?<k>[a-z_]+)=~?""(?<v>[^""]*)""")]
    private static partial Regex Matcher();
}
