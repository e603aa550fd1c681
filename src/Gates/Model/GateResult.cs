namespace Shipgate.Gates.Model;

/// <summary>One gate at the end of an analysis: its decision, its settings that matter to the verdict, and every measurement.</summary>
/// <param name="Gate">The gate's name.</param>
/// <param name="Kind">The gate kind (threshold, errorRate, ...), for reports.</param>
/// <param name="Decision">Final status and reason.</param>
/// <param name="DryRun">Measured and reported, but does not decide the verdict.</param>
/// <param name="Critical">Its failure ends the analysis at once.</param>
/// <param name="Measurements">Every measurement, in time order.</param>
/// <param name="Threshold">The limits the value is held to, for charts and reports.</param>
public sealed record GateResult(
    string Gate,
    string Kind,
    GateDecision Decision,
    bool DryRun,
    bool Critical,
    IReadOnlyList<Measurement> Measurements,
    ThresholdBand Threshold);
