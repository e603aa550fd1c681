using MathNet.Numerics.Distributions;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// How the environment moves during an analysis: it stood at <paramref name="Before"/> while the previous version served
/// alone, and from the switch it moves by <paramref name="Change"/> (error and latency factors, prediction shift in σ),
/// linearly over <paramref name="RampSeconds"/>, then stays. Every version serving at second t sees <see cref="At"/>(t):
/// the drift is the environment's, never one version's.
/// </summary>
public sealed record EnvironmentDrift(EnvironmentLevel Before, EnvironmentLevel Change, int RampSeconds)
{
    /// <summary>No drift and no variation: the steady environment.</summary>
    public static EnvironmentDrift None { get; } = new(EnvironmentLevel.Steady, EnvironmentLevel.Steady, 1);

    /// <summary>The level in second t after the switch (t ≤ 0: before it).</summary>
    public EnvironmentLevel At(int t)
    {
        var done = Math.Clamp((double)t / RampSeconds, 0, 1);
        return new EnvironmentLevel(
            Before.Error * Math.Pow(Change.Error, done),
            Before.Latency * Math.Pow(Change.Latency, done),
            Before.PredictionShift + (Change.PredictionShift * done));
    }

    /// <summary>
    /// The drifting environment: each release draws the level before the switch as the varying environment does
    /// (error ×U(0.7, 1.3), latency ×U(0.85, 1.15), prediction +N(0, 0.1σ)) and a move during the analysis:
    /// error ×e^U(−0.4, 0.4) (0.67–1.49), latency ×e^U(−0.15, 0.15) (0.86–1.16), prediction +N(0, 0.1σ), complete
    /// 30 s after the switch (a load change, a time-of-day swing, a new mix of inputs).
    /// </summary>
    public static EnvironmentDrift Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var before = new EnvironmentLevel(0.7 + (0.6 * random.NextDouble()), 0.85 + (0.3 * random.NextDouble()), Normal.Sample(random, 0, 0.1));
        var change = new EnvironmentLevel(Math.Exp(0.4 * ((2 * random.NextDouble()) - 1)), Math.Exp(0.15 * ((2 * random.NextDouble()) - 1)), Normal.Sample(random, 0, 0.1));
        return new EnvironmentDrift(before, change, RampSeconds: 30);
    }

    public static string Description =>
        "before the switch each release's level is drawn as in the varying environment (error ×U(0.7,1.3), latency ×U(0.85,1.15), prediction mean +N(0,0.1σ)); "
        + "from the switch it moves, linearly over 30 s, by error ×e^U(−0.4,0.4) (0.67–1.49), latency ×e^U(−0.15,0.15) (0.86–1.16), prediction mean +N(0,0.1σ), the same for every version serving";
}
