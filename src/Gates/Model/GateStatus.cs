namespace Shipgate.Gates.Model;

/// <summary>Where a gate stands after the measurements taken so far.</summary>
public enum GateStatus
{
    /// <summary>Not decided yet: more measurements are due.</summary>
    Running,

    /// <summary>All measurements taken and within the limits.</summary>
    Pass,

    /// <summary>More failed measurements than the failure limit allows.</summary>
    Fail,

    /// <summary>The data could not decide (too many inconclusive measurements, or no passing one).</summary>
    Inconclusive,

    /// <summary>More consecutive backend errors than the limit allows, or the last measurement was an error.</summary>
    Error,

    /// <summary>Stopped before it decided because a critical gate failed.</summary>
    Cancelled,

    /// <summary>
    /// Not measured because it cannot apply: it compares with a baseline and the release has none (a first
    /// release). Reported, never counted as a pass.
    /// </summary>
    NotApplicable,
}
