using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>
/// What every gate has, whatever its kind: a name, when it is measured, its limits, and whether it
/// decides (<see cref="DryRun"/>) or ends the analysis at once on failure (<see cref="Critical"/>).
/// Kinds add what they measure. Specs are plain data; measuring them is the observers' job.
/// </summary>
public abstract record GateSpec
{
    protected GateSpec(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>The kind's name as written in gates.yaml.</summary>
    public abstract string Kind { get; }

    public GateSchedule Schedule { get; init; } = GateSchedule.Default;

    public GateLimits Limits { get; init; } = GateLimits.Default;

    public bool DryRun { get; init; }

    public bool Critical { get; init; }

    /// <summary>The range window for this gate's queries (<c>{{window}}</c>); null takes the release's.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The band the measured value is held to, for reports and charts.</summary>
    public abstract ThresholdBand Band { get; }

    /// <summary>Every query template this gate sends, before rendering: validated against the server before an analysis starts.</summary>
    public abstract IReadOnlyList<string> QueryTemplates { get; }

    /// <summary>Whether the gate also measures the baseline version (and so needs <c>{{baseline_version}}</c>).</summary>
    public virtual bool UsesBaseline => false;
}
