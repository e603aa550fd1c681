namespace Shipgate.Gates.Specs;

/// <summary>
/// What makes a gate spec usable, in one place for both front ends: gates.yaml reports a problem at the
/// gate's line, the C# API when the analysis is asked to start.
/// </summary>
public static class SpecRules
{
    /// <summary>The first broken rule of this gate, or null.</summary>
    public static string? Problem(GateSpec gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return KindProblem(gate) ?? WindowProblem(gate.Window) ?? gate.Schedule.Problem() ?? gate.Limits.Problem();
    }

    /// <summary>Every broken rule across the gates, each naming its gate; duplicate names included.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<GateSpec> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var problems = gates.Where(g => Problem(g) is not null).Select(g => $"gate '{g.Name}': {Problem(g)}").ToList();
        problems.AddRange(gates.GroupBy(g => g.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"gate '{g.Key}' is defined {g.Count()} times"));
        return problems;
    }

    private static string? KindProblem(GateSpec gate) => gate switch
    {
        ThresholdGate { Min: null, Max: null } => "a threshold gate needs 'min', 'max' or both",
        ThresholdGate { Min: { } min, Max: { } max } when min > max => "'min' is above 'max'",
        ErrorRateGate { MaxRate: < 0 or > 1 } => "'max' of an error rate is a fraction between 0 and 1",
        ErrorRateGate { BaselineComparison: { } comparison } => OptionProblem(comparison.Validate),
        LatencyQuantileGate { Quantile: <= 0 or >= 1 } => "'quantile' must be between 0 and 1, e.g. 0.95",
        LatencyQuantileGate { MaxSeconds: var max } when !(max >= 0) || double.IsInfinity(max) => "'max' of a latency is a number of seconds, 0 or more",
        RelativeToBaselineGate { MaxIncreasePercent: < 0 } => "'maxIncreasePercent' must be 0 or more (a negative one fails every release that does not improve)",
        RelativeToBaselineGate { MaxDecreasePercent: < 0 } => "'maxDecreasePercent' must be 0 or more",
        RelativeToBaselineGate { MaxIncreasePercent: null, MaxDecreasePercent: null } => "a relativeToBaseline gate needs 'maxIncreasePercent', 'maxDecreasePercent' or both",
        CompareGate { Step.Ticks: <= 0 } => "'step' must be positive",
        CompareGate c => OptionProblem(c.Options.Validate),
        DriftGate d => OptionProblem(d.Options.Validate),
        SequentialLatencyGate { Quantile: <= 0 or >= 1 } => "'quantile' must be between 0 and 1, e.g. 0.95",
        SequentialGate { BaselineWindow: { } baselineWindow } when baselineWindow <= TimeSpan.Zero => "'baselineWindow' must be positive, e.g. 10m",
        SequentialGate s => OptionProblem(s.Options.Validate),
        _ => null,
    };

    /// <summary>The first broken rule of a window (a gate's own or the release's default), or null.</summary>
    public static string? WindowProblem(TimeSpan? window) =>
        window is { } w && w <= TimeSpan.Zero ? "window must be positive, e.g. 1m" : null;

    private static string? OptionProblem(Action validate)
    {
        try
        {
            validate();
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.Message;
        }
    }
}
