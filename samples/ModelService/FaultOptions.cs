namespace Shipgate.Samples.ModelService;

/// <summary>
/// Faults a demo release injects on purpose (configuration section <c>ModelService:Faults</c>,
/// e.g. <c>MODELSERVICE__FAULTS__ERRORRATE=0.2</c>).
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Fraction of /predict requests answered with HTTP 500, 0..1.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Extra latency added to every /predict request, in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Added to every predicted probability (the result is clamped to 0..1).</summary>
    public double PredictionShift { get; set; }

    /// <summary>Seed of the fault dice; unset means a random seed.</summary>
    public int? Seed { get; set; }

    public bool Any => ErrorRate > 0 || LatencyMs > 0 || PredictionShift != 0;

    /// <summary>Rejects values that cannot mean anything, naming the setting.</summary>
    public void Validate()
    {
        if (!(ErrorRate is >= 0 and <= 1))
        {
            throw new InvalidOperationException($"ModelService:Faults:ErrorRate must be within 0..1, got {ErrorRate}");
        }

        if (LatencyMs is < 0 or > 60_000)
        {
            throw new InvalidOperationException($"ModelService:Faults:LatencyMs must be within 0..60000, got {LatencyMs}");
        }

        if (!(PredictionShift is >= -1 and <= 1))
        {
            throw new InvalidOperationException($"ModelService:Faults:PredictionShift must be within -1..1, got {PredictionShift}");
        }
    }
}
