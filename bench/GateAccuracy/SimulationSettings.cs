namespace Shipgate.Bench.GateAccuracy;

/// <summary>The traffic and healthy behaviour every simulated release shares.</summary>
public sealed record SimulationSettings
{
    /// <summary>Requests per second each version serves (baseline and candidate side by side, as Kayenta runs them).</summary>
    public double RequestsPerSecond { get; init; } = 100;

    public int DurationSeconds { get; init; } = 60;

    /// <summary>
    /// In the canary simulation: requests per second the whole service serves; the previous version served all of them
    /// before the switch, the canary and the concurrent baseline each <see cref="RequestsPerSecond"/> of them after it.
    /// </summary>
    public double ServiceRequestsPerSecond { get; init; } = 1000;

    /// <summary>In the canary simulation: the concurrent baseline's requests per second, when it differs from the canary's.</summary>
    public double? BaselineRequestsPerSecond { get; init; }

    /// <summary>Every rule decides at each interval on the data since the start (1 s scrapes in between).</summary>
    public int IntervalSeconds { get; init; } = 10;

    public double ErrorRate { get; init; } = 0.01;

    /// <summary>How long the baseline served before the candidate started (its history, for gates that read a longer baseline window).</summary>
    public int BaselineHistorySeconds { get; init; } = 600;

    /// <summary>Latency is log-normal: median 80 ms, log-σ 0.5, so p95 ≈ 182 ms.</summary>
    public double LatencyMedianSeconds { get; init; } = 0.080;

    public double LatencyLogSigma { get; init; } = 0.5;

    /// <summary>
    /// When set, each release draws its own healthy level, shared by both versions (load, time of day):
    /// error rate ×U(0.7, 1.3), latency ×U(0.85, 1.15), prediction mean +N(0, 0.1σ). A fixed threshold
    /// sees this variation; a comparison with the baseline cancels it.
    /// </summary>
    public bool VaryingEnvironment { get; init; }

    public static IReadOnlyList<double> LatencyBounds { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, double.PositiveInfinity];

    /// <summary>Predictions are N(0, 1) scores; buckets every 0.5σ from −3 to 3.</summary>
    public static IReadOnlyList<double> PredictionBounds { get; } = [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, double.PositiveInfinity];

    public IEnumerable<int> DecisionTimes() => Enumerable.Range(1, DurationSeconds / IntervalSeconds).Select(i => i * IntervalSeconds);
}
