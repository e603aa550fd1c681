namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// Simulates a canary analysis from one seed: the previous version's last <see cref="SimulationSettings.BaselineHistorySeconds"/>
/// serving the whole service (<see cref="SimulationSettings.ServiceRequestsPerSecond"/>) at the environment's level before
/// the switch; then the canary and a fresh baseline container, each at <see cref="SimulationSettings.RequestsPerSecond"/>
/// (the baseline at <see cref="SimulationSettings.BaselineRequestsPerSecond"/> when given),
/// in the same drifting environment. Every version is the same random model with its own noise (its own stream), so the
/// canary's data is the same whichever baseline the gates are given.
/// </summary>
public static class CanarySimulator
{
    public static CanaryRelease Simulate(ScenarioClass scenario, SimulationSettings settings, EnvironmentDrift drift, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(drift);
        var canary = ReleaseSimulator.SimulateVersion(new Random(seed), settings, drift.At, scenario);
        var baselineSettings = settings with { RequestsPerSecond = settings.BaselineRequestsPerSecond ?? settings.RequestsPerSecond };
        var baseline = ReleaseSimulator.SimulateVersion(new Random(seed ^ 0x0BA5E11E), baselineSettings, drift.At, ScenarioClass.Healthy);

        // The gates read the previous version only before the switch; what it serves after (the rest of the traffic) is not simulated.
        var stable = new VersionMetrics(settings.DurationSeconds, SimulationSettings.LatencyBounds.Count, SimulationSettings.PredictionBounds.Count)
        {
            Before = ReleaseSimulator.SimulateHistory(
                new Random(seed ^ 0x5EED), settings with { RequestsPerSecond = settings.ServiceRequestsPerSecond }, settings.ErrorRate * drift.Before.Error, drift.Before.Latency, drift.Before.PredictionShift),
        };
        return new CanaryRelease(scenario, drift, stable, canary, baseline);
    }
}
