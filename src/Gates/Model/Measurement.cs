namespace Shipgate.Gates.Model;

/// <summary>
/// One measurement of one gate: plain data, kept for the report whatever its phase.
/// </summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Time">When the measurement was taken.</param>
/// <param name="Phase">Pass, Fail, Inconclusive or Error.</param>
/// <param name="Value">The measured value, when there was one (it may be NaN or infinite when the phase says so).</param>
/// <param name="SampleSize">How many observations the value rests on, when the gate knows.</param>
/// <param name="Queries">The queries exactly as sent to the backend.</param>
/// <param name="Reason">Why the phase is what it is, in words.</param>
public sealed record Measurement(
    string Gate,
    DateTimeOffset Time,
    MeasurementPhase Phase,
    double? Value,
    double? SampleSize,
    IReadOnlyList<string> Queries,
    string Reason);
