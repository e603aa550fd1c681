using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;

namespace Shipgate.Gates.Tests.Specs;

public class SpecRulesTests
{
    [Fact]
    public void Specs_built_in_csharp_are_held_to_the_same_rules_as_yaml()
    {
        var problems = SpecRules.Problems(
        [
            Gate.LatencyQuantile("p95", "m", quantile: 95, maxSeconds: 1),
            Gate.Threshold("open", "up"),
            Gate.ErrorRate("dup", "m", 0.1),
            Gate.ErrorRate("dup", "m", 0.1) with { Schedule = new GateSchedule(TimeSpan.Zero, Count: 1) },
        ]);

        Assert.Equal(
        [
            "gate 'p95': 'quantile' must be between 0 and 1, e.g. 0.95",
            "gate 'open': a threshold gate needs 'min', 'max' or both",
            "gate 'dup': interval must be positive",
            "gate 'dup' is defined 2 times",
        ], problems);
    }

    [Fact]
    public async Task A_bad_spec_is_refused_before_the_server_is_asked()
    {
        // Nothing listens on this port: reaching the server would be a connection error, not a configuration one.
        using var nowhere = new PrometheusClient(new PrometheusOptions(new Uri("http://127.0.0.1:19096/")) { Retries = 0 });
        var e = await Assert.ThrowsAsync<GateConfigurationException>(() => new Verifier(nowhere).VerifyAsync(
            [Gate.Drift("drift", "m", new Shipgate.Gates.Statistics.DriftOptions { Confidence = 1.5 })], ReleaseContext.Of("s", "v2", "v1"), InconclusivePolicy.Rollback));
        Assert.Contains("gate 'drift'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Confidence", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_queries_a_gate_sends_are_rendered_for_the_release_and_its_baseline()
    {
        var release = ReleaseContext.Of("model", "v2", "v1", window: TimeSpan.FromMinutes(2));
        var drift = QueryValidator.Rendered(Gate.Drift("d", "modelservice_prediction_value"), release);
        Assert.Equal(
        [
            "sum by (le) (increase(modelservice_prediction_value_bucket{service=\"model\",version=\"v2\"}[2m]))",
            "sum by (le) (increase(modelservice_prediction_value_bucket{service=\"model\",version=\"v1\"}[2m]))",
        ], drift);
        var errorRate = QueryValidator.Rendered(Gate.ErrorRate("e", "reqs", 0.01) with { Window = TimeSpan.FromSeconds(30) }, release);
        Assert.Equal(
        [
            "sum(increase(reqs{service=\"model\",version=\"v2\",code=~\"5..\"}[30s]))",
            "sum(increase(reqs{service=\"model\",version=\"v2\"}[30s]))",
        ], errorRate);
    }
}
