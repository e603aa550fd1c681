using Shipgate.Gates.Specs;
using Shipgate.Gates.Yaml;

namespace Shipgate.Release.Decisions;

/// <summary>
/// Pure: how long a canary step's analysis may measure. At w % of the traffic the canary gets w % of the requests a
/// full release gets, so a sequential gate needs about 100 / w times as many looks for the same evidence; it still
/// stops as soon as the data decide, so a clear case ends as early as before and only an undecided one measures on.
/// With the gates file's own count, a healthy canary at 10 % behind the local stack's load ended Inconclusive (220
/// requests: neither a 3-point error increase nor a 0.25σ shift could be ruled out) and was rolled back every time.
/// Absolute gates judge each window as it comes, so their schedule stays: more looks would only add chances to fail.
/// </summary>
public static class CanaryAnalysisSchedule
{
    /// <summary>A step below 100 / this share (5 %) gets no longer analysis than one at 5 %: a cap on the wait.</summary>
    public const int MaxStretch = 20;

    /// <summary>How many times longer a sequential gate may measure at <paramref name="percent"/> of the traffic.</summary>
    public static int Stretch(double percent) =>
        percent is > 0 and < 100 ? Math.Min(MaxStretch, (int)Math.Ceiling(100 / percent)) : 1;

    /// <summary>The gates file for a step at <paramref name="percent"/>: its sequential gates' measurements multiplied.</summary>
    public static GatesDocument For(GatesDocument gates, double percent)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var stretch = Stretch(percent);
        if (stretch == 1)
            return gates;
        return gates with
        {
            Gates = gates.Gates
                .Select(gate => gate is SequentialGate
                    ? gate with { Schedule = gate.Schedule with { Count = gate.Schedule.MeasurementCount * stretch, Duration = null } }
                    : gate)
                .ToList(),
        };
    }
}
