using Shipgate.Gates.Statistics;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// What Prometheus would hold for one version after scraping it every second: cumulative counters
/// (requests, errors, prediction sum) and cumulative histogram buckets at t = 0..duration.
/// </summary>
public sealed class VersionMetrics(int duration, int latencyBuckets, int predictionBuckets)
{
    public double[] Requests { get; } = new double[duration + 1];

    public double[] Errors { get; } = new double[duration + 1];

    public double[] PredictionSum { get; } = new double[duration + 1];

    /// <summary>What the version served before t = 0, in all (for the baseline; empty for the candidate).</summary>
    public History Before { get; set; } = History.None;

    /// <summary>[t][bucket], cumulative over both time and bucket (as <c>_bucket{le}</c> counters are).</summary>
    public double[][] LatencyBuckets { get; } = NewSnapshots(duration, latencyBuckets);

    public double[][] PredictionBuckets { get; } = NewSnapshots(duration, predictionBuckets);

    /// <summary><c>increase(metric_bucket[to - from])</c> at <c>to</c>, as a histogram.</summary>
    public static CumulativeHistogram Increase(double[][] snapshots, IReadOnlyList<double> bounds, int from, int to) =>
        CumulativeHistogram.FromBuckets(bounds.Select((bound, k) => (bound, snapshots[to][k] - snapshots[from][k])));

    private static double[][] NewSnapshots(int duration, int buckets) =>
        [.. Enumerable.Range(0, duration + 1).Select(_ => new double[buckets])];
}

/// <summary>Totals served before the simulated minute: requests, errors and per-bucket (not cumulative) histogram counts.</summary>
public sealed record History(double Seconds, double Requests, double Errors, double[] LatencyBuckets, double[] PredictionBuckets)
{
    public static History None { get; } = new(0, 0, 0, [], []);
}
