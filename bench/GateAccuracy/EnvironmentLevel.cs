namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// What the environment (load, time of day, the inputs users send) does to every version serving at that moment:
/// the error rate and every latency are multiplied, the prediction scores shifted (in σ). A property of the moment,
/// never of one version.
/// </summary>
public sealed record EnvironmentLevel(double Error, double Latency, double PredictionShift)
{
    public static EnvironmentLevel Steady { get; } = new(1, 1, 0);
}
