using MathNet.Numerics.Distributions;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>A baseline and a candidate serving side by side, simulated request by request from one seed.</summary>
public sealed record SimulatedRelease(ScenarioClass Scenario, VersionMetrics Baseline, VersionMetrics Candidate);

public static class ReleaseSimulator
{
    public static SimulatedRelease Simulate(ScenarioClass scenario, SimulationSettings settings, int seed)
    {
        var random = new Random(seed);
        double errorLevel = 1, latencyLevel = 1, predictionLevel = 0;
        if (settings.VaryingEnvironment)
        {
            errorLevel = 0.7 + (0.6 * random.NextDouble());
            latencyLevel = 0.85 + (0.3 * random.NextDouble());
            predictionLevel = Normal.Sample(random, 0, 0.1);
        }

        var level = new EnvironmentLevel(errorLevel, latencyLevel, predictionLevel);
        var baseline = SimulateVersion(random, settings, _ => level, ScenarioClass.Healthy);

        // A stream of its own, so the minute both versions serve is the same as without a history.
        baseline.Before = SimulateHistory(new Random(seed ^ 0x5EED), settings, settings.ErrorRate * errorLevel, latencyLevel, predictionLevel);
        var candidate = SimulateVersion(random, settings, _ => level, scenario);
        return new SimulatedRelease(scenario, baseline, candidate);
    }

    /// <summary>
    /// One version serving from t = 0, second by second: the environment's level in second t (shared by every
    /// version serving then) times what this version changes (<paramref name="version"/>: healthy or a regression).
    /// </summary>
    public static VersionMetrics SimulateVersion(Random random, SimulationSettings settings, Func<int, EnvironmentLevel> levelAt, ScenarioClass version)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(levelAt);
        ArgumentNullException.ThrowIfNull(version);
        var latencyBounds = SimulationSettings.LatencyBounds;
        var predictionBounds = SimulationSettings.PredictionBounds;
        var metrics = new VersionMetrics(settings.DurationSeconds, latencyBounds.Count, predictionBounds.Count);
        var latencyPerBucket = new double[latencyBounds.Count];
        var predictionPerBucket = new double[predictionBounds.Count];
        for (var t = 1; t <= settings.DurationSeconds; t++)
        {
            var level = levelAt(t);
            var errorRate = settings.ErrorRate * level.Error * version.ErrorFactor;
            var logMedian = Math.Log(settings.LatencyMedianSeconds * (level.Latency * version.LatencyFactor));
            var predictionMean = level.PredictionShift + version.PredictionShiftSigmas;
            var requests = Poisson.Sample(random, settings.RequestsPerSecond);
            var errors = Binomial.Sample(random, Math.Min(errorRate, 1), requests);
            Array.Clear(latencyPerBucket);
            Array.Clear(predictionPerBucket);
            var predictionSum = 0.0;
            for (var r = 0; r < requests; r++)
            {
                latencyPerBucket[BucketOf(latencyBounds, Math.Exp(logMedian + (settings.LatencyLogSigma * Normal.Sample(random, 0, 1))))]++;
                var prediction = Normal.Sample(random, predictionMean, 1);
                predictionSum += prediction;
                predictionPerBucket[BucketOf(predictionBounds, prediction)]++;
            }

            metrics.Requests[t] = metrics.Requests[t - 1] + requests;
            metrics.Errors[t] = metrics.Errors[t - 1] + errors;
            metrics.PredictionSum[t] = metrics.PredictionSum[t - 1] + predictionSum;
            Accumulate(metrics.LatencyBuckets, t, latencyPerBucket);
            Accumulate(metrics.PredictionBuckets, t, predictionPerBucket);
        }

        return metrics;
    }

    /// <summary>The baseline's service before the candidate started, drawn in aggregate from the same distributions.</summary>
    public static History SimulateHistory(Random random, SimulationSettings settings, double errorRate, double latencyFactor, double predictionMean)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BaselineHistorySeconds <= 0)
            return History.None;
        var requests = Poisson.Sample(random, settings.RequestsPerSecond * settings.BaselineHistorySeconds);
        var errors = Binomial.Sample(random, Math.Min(errorRate, 1), requests);
        var logMedian = Math.Log(settings.LatencyMedianSeconds * latencyFactor);
        var latency = Multinomial.Sample(random, BucketProbabilities(SimulationSettings.LatencyBounds, b => Normal.CDF(logMedian, settings.LatencyLogSigma, Math.Log(b))), requests);
        var predictions = Multinomial.Sample(random, BucketProbabilities(SimulationSettings.PredictionBounds, b => Normal.CDF(predictionMean, 1, b)), requests);
        return new History(settings.BaselineHistorySeconds, requests, errors, [.. latency.Select(c => (double)c)], [.. predictions.Select(c => (double)c)]);
    }

    private static double[] BucketProbabilities(IReadOnlyList<double> bounds, Func<double, double> cdf)
    {
        var probabilities = new double[bounds.Count];
        var below = 0.0;
        for (var k = 0; k < bounds.Count; k++)
        {
            var upTo = double.IsPositiveInfinity(bounds[k]) ? 1 : cdf(bounds[k]);
            probabilities[k] = Math.Max(0, upTo - below);
            below = upTo;
        }

        return probabilities;
    }

    /// <summary>The first bucket whose upper bound is ≥ the value (Prometheus's le semantics).</summary>
    private static int BucketOf(IReadOnlyList<double> bounds, double value)
    {
        var k = 0;
        while (value > bounds[k])
            k++;
        return k;
    }

    /// <summary>Adds one second's observations to the previous snapshot, cumulative across buckets.</summary>
    private static void Accumulate(double[][] snapshots, int t, double[] perBucket)
    {
        var running = 0.0;
        for (var k = 0; k < perBucket.Length; k++)
        {
            running += perBucket[k];
            snapshots[t][k] = snapshots[t - 1][k] + running;
        }
    }
}
