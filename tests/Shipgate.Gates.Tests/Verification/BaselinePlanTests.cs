using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Verification;

namespace Shipgate.Gates.Tests.Verification;

public class BaselinePlanTests
{
    private static readonly IReadOnlyList<GateSpec> Gates =
    [
        Gate.ErrorRate("error-rate", "reqs", 0.05, versusBaseline: new ProportionComparisonOptions()),
        Gate.LatencyQuantile("p95", "lat", 0.95, 0.25),
        Gate.Drift("drift", "pred"),
    ];

    [Fact]
    public void With_baseline_data_every_gate_runs_as_configured()
    {
        var plan = BaselinePlan.For(Gates, missingBaseline: null);
        Assert.Equal(Gates, plan.Run);
        Assert.Empty(plan.NotApplicable);
    }

    [Fact]
    public void Without_baseline_data_comparing_gates_are_not_applicable_and_the_error_gate_decides_on_its_own_maximum()
    {
        var plan = BaselinePlan.For(Gates, "baseline version 1 has no data");

        var drift = Assert.Single(plan.NotApplicable);
        Assert.Equal(("drift", GateStatus.NotApplicable), (drift.Gate, drift.Decision.Status));
        Assert.Contains("baseline version 1 has no data", drift.Decision.Reason, StringComparison.Ordinal);
        var errorRate = Assert.IsType<ErrorRateGate>(plan.Run[0]);
        Assert.Equal((null, 0.05), (errorRate.BaselineComparison, errorRate.MaxRate));
        Assert.Equal(["error-rate", "p95"], plan.Run.Select(g => g.Name));
        Assert.Equal("not applicable: drift; deciding on their own maximum only: error-rate", plan.Summary(Gates));
    }
}
