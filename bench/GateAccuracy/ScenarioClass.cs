namespace Shipgate.Bench.GateAccuracy;

/// <summary>One class of simulated release: how the candidate differs from the baseline.</summary>
public sealed record ScenarioClass(string Name, double ErrorFactor, double LatencyFactor, double PredictionShiftSigmas)
{
    public bool IsHealthy => ErrorFactor == 1 && LatencyFactor == 1 && PredictionShiftSigmas == 0;

    public static ScenarioClass Healthy { get; } = new("healthy (A/A)", 1, 1, 0);

    /// <summary>The graded regressions of issue 3's benchmark.</summary>
    public static IReadOnlyList<ScenarioClass> Regressions { get; } =
    [
        new("error rate ×1.5", 1.5, 1, 0),
        new("error rate ×2", 2, 1, 0),
        new("p95 latency +20%", 1, 1.2, 0),
        new("p95 latency +50%", 1, 1.5, 0),
        new("prediction shift 0.25σ", 1, 1, 0.25),
        new("prediction shift 0.5σ", 1, 1, 0.5),
    ];
}
