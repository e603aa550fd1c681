using Shipgate.Gates.Statistics;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>The values a PromQL query would return for one version, computed from the simulated scrapes.</summary>
public static class Measurements
{
    /// <summary><c>increase(errors[t]) / increase(requests[t])</c> over (from, to].</summary>
    public static double ErrorRate(VersionMetrics v, int from, int to) =>
        (v.Errors[to] - v.Errors[from]) / (v.Requests[to] - v.Requests[from]);

    /// <summary><c>histogram_quantile(0.95, increase(latency_bucket[...]))</c> over (from, to].</summary>
    public static double LatencyP95(VersionMetrics v, int from, int to) =>
        HistogramQuantile.Estimate(0.95, LatencyHistogram(v, from, to));

    /// <summary><c>increase(prediction_sum[...]) / increase(prediction_count[...])</c> over (from, to].</summary>
    public static double MeanPrediction(VersionMetrics v, int from, int to) =>
        (v.PredictionSum[to] - v.PredictionSum[from]) / (v.Requests[to] - v.Requests[from]);

    public static CumulativeHistogram LatencyHistogram(VersionMetrics v, int from, int to) =>
        VersionMetrics.Increase(v.LatencyBuckets, SimulationSettings.LatencyBounds, from, to);

    public static CumulativeHistogram PredictionHistogram(VersionMetrics v, int from, int to) =>
        VersionMetrics.Increase(v.PredictionBuckets, SimulationSettings.PredictionBounds, from, to);

    /// <summary>A range query with a 1 s step: one value per scrape interval from 1 to t.</summary>
    public static double[] PerSecond(Func<VersionMetrics, int, int, double> measure, VersionMetrics v, int t) =>
        [.. Enumerable.Range(1, t).Select(s => measure(v, s - 1, s))];
}
