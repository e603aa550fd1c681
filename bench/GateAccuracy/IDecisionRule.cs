namespace Shipgate.Bench.GateAccuracy;

/// <summary>A way of deciding a release from its metrics at each interval.</summary>
public interface IDecisionRule
{
    string Name { get; }

    /// <summary>Seconds of data when the rule rolled the release back, or null when it was promoted.</summary>
    int? RollbackTime(SimulatedRelease release);
}
