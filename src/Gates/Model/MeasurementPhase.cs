namespace Shipgate.Gates.Model;

/// <summary>The outcome of one measurement of one gate.</summary>
public enum MeasurementPhase
{
    /// <summary>Enough data, and the value is within the gate's limits.</summary>
    Pass,

    /// <summary>Enough data, and the value breaks the gate's limits.</summary>
    Fail,

    /// <summary>The data cannot decide: empty result, NaN, infinity, too few samples, an undecided test.</summary>
    Inconclusive,

    /// <summary>The metrics backend could not be asked (connection, HTTP error, bad response).</summary>
    Error,

    /// <summary>
    /// Not judged yet: too early for the data to say anything (the version's series are younger than the
    /// gate's window). Counted against no limit; a gate whose measurements were all pending never passes.
    /// </summary>
    Pending,
}
