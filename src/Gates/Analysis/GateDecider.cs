using Shipgate.Gates.Model;

namespace Shipgate.Gates.Analysis;

/// <summary>
/// Pure: from a gate's measurements so far and its limits to the gate's decision. A gate passes only
/// when every planned measurement was taken, at least one passed, none of the limits was exceeded and
/// the last one was not a backend error. A sequential gate (<see cref="DecideSequential"/>) instead stops at
/// its first Pass or Fail.
/// </summary>
public static class GateDecider
{
    public static GateDecision Decide(IReadOnlyList<Measurement> measurements, GateLimits limits, int plannedCount)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(limits);
        var failed = measurements.Count(m => m.Phase == MeasurementPhase.Fail);
        if (failed > limits.FailureLimit)
            return new(GateStatus.Fail, $"{failed} of {measurements.Count} measurements failed (failureLimit {limits.FailureLimit}); last: {Last(measurements, MeasurementPhase.Fail)}");

        var inconclusive = measurements.Count(m => m.Phase == MeasurementPhase.Inconclusive);
        if (inconclusive > limits.InconclusiveLimit)
            return new(GateStatus.Inconclusive, $"{inconclusive} of {measurements.Count} measurements inconclusive (inconclusiveLimit {limits.InconclusiveLimit}); last: {Last(measurements, MeasurementPhase.Inconclusive)}");

        var errorsInARow = measurements.Reverse().TakeWhile(m => m.Phase == MeasurementPhase.Error).Count();
        if (errorsInARow > limits.ConsecutiveErrorLimit)
            return new(GateStatus.Error, $"{errorsInARow} backend errors in a row (consecutiveErrorLimit {limits.ConsecutiveErrorLimit}); last: {Last(measurements, MeasurementPhase.Error)}");

        if (measurements.Count < plannedCount)
            return GateDecision.Running;

        if (errorsInARow > 0)
            return new(GateStatus.Error, $"the last measurement was a backend error: {Last(measurements, MeasurementPhase.Error)}");

        var passed = measurements.Count(m => m.Phase == MeasurementPhase.Pass);
        if (passed == 0)
            return new(GateStatus.Inconclusive, $"none of {measurements.Count} measurements passed");

        return new(GateStatus.Pass, $"{passed} of {measurements.Count} measurements passed; last: {Last(measurements, MeasurementPhase.Pass)}");
    }

    /// <summary>
    /// A sequential test's gate: each measurement re-tests all the data so far, and the first measurement that
    /// crosses a boundary decides (Fail: a regression of the minimum effect is shown; Pass: it is ruled out).
    /// Measurements in between are undecided and count against no limit; only measurements without usable data
    /// (no value, NaN) count against inconclusiveLimit. Not decided after every planned measurement is
    /// Inconclusive: the data did not rule the regression out, so it never passes; unless the baseline never had
    /// enough observations (<see cref="Specs.SequentialGate.BaselineTooSmall"/>): then it is not applicable, like a
    /// baseline without data.
    /// </summary>
    public static GateDecision DecideSequential(IReadOnlyList<Measurement> measurements, GateLimits limits, int plannedCount)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(limits);
        var failed = measurements.Count(m => m.Phase == MeasurementPhase.Fail);
        if (failed > limits.FailureLimit)
            return new(GateStatus.Fail, $"a regression is shown at measurement {measurements.Count} of {plannedCount}: {Last(measurements, MeasurementPhase.Fail)}");

        var noData = measurements.Count(m => m.Phase == MeasurementPhase.Inconclusive && !(m.Value is { } v && double.IsFinite(v)));
        if (noData > limits.InconclusiveLimit)
            return new(GateStatus.Inconclusive, $"{noData} of {measurements.Count} measurements without usable data (inconclusiveLimit {limits.InconclusiveLimit}); last: {Last(measurements, MeasurementPhase.Inconclusive)}");

        var errorsInARow = measurements.Reverse().TakeWhile(m => m.Phase == MeasurementPhase.Error).Count();
        if (errorsInARow > limits.ConsecutiveErrorLimit)
            return new(GateStatus.Error, $"{errorsInARow} backend errors in a row (consecutiveErrorLimit {limits.ConsecutiveErrorLimit}); last: {Last(measurements, MeasurementPhase.Error)}");

        if (measurements.Count > 0 && measurements[^1].Phase == MeasurementPhase.Pass)
            return new(GateStatus.Pass, $"the regression is ruled out at measurement {measurements.Count} of {plannedCount}: {measurements[^1].Reason}");

        if (measurements.Count < plannedCount)
            return GateDecision.Running;

        if (errorsInARow > 0)
            return new(GateStatus.Error, $"the last measurement was a backend error: {Last(measurements, MeasurementPhase.Error)}");

        var last = measurements.Count > 0 ? measurements[^1].Reason : "none taken";
        if (last.Contains(Specs.SequentialGate.BaselineTooSmall, StringComparison.Ordinal))
            return new(GateStatus.NotApplicable, $"not compared: {last}");
        return new(GateStatus.Inconclusive, $"undecided after {measurements.Count} measurements: the data neither show the regression nor rule it out; last: {last}");
    }

    private static string Last(IReadOnlyList<Measurement> measurements, MeasurementPhase phase) =>
        measurements.Last(m => m.Phase == phase).Reason;
}
