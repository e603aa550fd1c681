using Shipgate.Bench.GateAccuracy;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Benchmarks;

/// <summary>
/// The gate-accuracy simulation's concurrent baseline (issue 12) must be the baseline serving beside the canary in the
/// same environment, not the previous version's data from before the switch. Each scenario is one only a drift of the
/// environment during the analysis separates: the two comparisons must come out in opposite directions, and each
/// assertion names the direction the data dictates. The product (Verifier, bench/GateAccuracy/gates.yaml) decides.
/// </summary>
public class ConcurrentBaselineSimulationTests
{
    private const string ErrorGate = "error-rate-vs-baseline";

    // 1,000 requests/s per analysed version: enough for the error gate to decide within the 60 s analysis either way,
    // even at half the usual error rate against an equal-sized baseline.
    private static readonly SimulationSettings Settings = new() { RequestsPerSecond = 1000, ServiceRequestsPerSecond = 10_000 };

    private static readonly ProductRule Product = new(Path.Combine(RepositoryPaths.Root, "bench", "GateAccuracy", "gates.yaml"));

    private static readonly ScenarioClass ErrorsDoubled = ScenarioClass.Regressions.Single(s => s.Name == "error rate ×2");

    public static TheoryData<int> Seeds => [11, 12, 13];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Errors_rising_for_everyone_during_the_analysis_fail_only_the_before_after_comparison(int seed)
    {
        // The environment's error rate rises 2.5-fold right after the switch; the canary is the same build as the stable.
        var drift = new EnvironmentDrift(EnvironmentLevel.Steady, new EnvironmentLevel(Error: 2.5, Latency: 1, PredictionShift: 0), RampSeconds: 1);
        var release = CanarySimulator.Simulate(ScenarioClass.Healthy, Settings, drift, seed);

        Assert.Equal(GateStatus.Fail, ErrorGateOf(Product.Decide(release, BaselineKind.BeforeSwitch)));
        var concurrent = Product.Decide(release, BaselineKind.Concurrent);
        Assert.Equal(GateStatus.Pass, ErrorGateOf(concurrent));
        Assert.Equal(ReleaseAction.Promote, concurrent.Action);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_regression_hidden_by_errors_falling_for_everyone_is_caught_only_by_the_concurrent_baseline(int seed)
    {
        // The environment's errors halve after the switch while the canary doubles them: it errs as often as the stable did before.
        var drift = new EnvironmentDrift(EnvironmentLevel.Steady, new EnvironmentLevel(Error: 0.5, Latency: 1, PredictionShift: 0), RampSeconds: 1);
        var release = CanarySimulator.Simulate(ErrorsDoubled, Settings, drift, seed);

        Assert.NotEqual(GateStatus.Fail, ErrorGateOf(Product.Decide(release, BaselineKind.BeforeSwitch)));
        var concurrent = Product.Decide(release, BaselineKind.Concurrent);
        Assert.Equal(GateStatus.Fail, ErrorGateOf(concurrent));
        Assert.Equal(ReleaseAction.Rollback, concurrent.Action);
    }

    [Fact]
    public void The_drift_reaches_the_canary_and_the_concurrent_baseline_alike_and_not_the_stable_s_past()
    {
        var drift = new EnvironmentDrift(EnvironmentLevel.Steady, new EnvironmentLevel(Error: 3, Latency: 1, PredictionShift: 0), RampSeconds: 1);
        var release = CanarySimulator.Simulate(ScenarioClass.Healthy, Settings, drift, seed: 7);

        double Rate(VersionMetrics v) => v.Errors[^1] / v.Requests[^1];
        Assert.InRange(Rate(release.Canary), 0.025, 0.035);
        Assert.InRange(Rate(release.Baseline), 0.025, 0.035);
        Assert.InRange(release.Stable.Before.Errors / release.Stable.Before.Requests, 0.009, 0.011);

        // Independent noise: the same model, not the same draws.
        Assert.NotEqual(release.Canary.Errors[^1], release.Baseline.Errors[^1]);
    }

    private static GateStatus ErrorGateOf(AnalysisResult result) => result.Gates.Single(g => g.Gate == ErrorGate).Decision.Status;
}
