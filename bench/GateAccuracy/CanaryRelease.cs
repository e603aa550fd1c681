namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// A canary analysis as the metrics backend holds it: the previous version (<see cref="StableLabel"/>) serving alone
/// before the switch, the canary from the switch on, and a fresh container of the previous version's image
/// (<see cref="BaselineLabel"/>) started with the canary and given the same share of the same traffic.
/// </summary>
public sealed record CanaryRelease(ScenarioClass Scenario, EnvironmentDrift Drift, VersionMetrics Stable, VersionMetrics Canary, VersionMetrics Baseline)
{
    public const string StableLabel = "v1";
    public const string CanaryLabel = "v2";

    /// <summary>The concurrent baseline's own label value: the stable's version label would add the stable's series to its own.</summary>
    public const string BaselineLabel = "v1-baseline";

    public IReadOnlyList<ServingVersion> Versions =>
    [
        new(StableLabel, Stable, StartedAtStart: false),
        new(CanaryLabel, Canary, StartedAtStart: true),
        new(BaselineLabel, Baseline, StartedAtStart: true),
    ];
}
