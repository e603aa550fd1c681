using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// Whole analyses against a real Prometheus scraping a real exporter whose traffic the fixture controls:
/// v1 is the baseline, v2 the candidate; each scenario changes one thing in v2.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusGateTests(PrometheusStackFixture stack)
{
    private static readonly GateSchedule ThreeTimes = new(TimeSpan.FromSeconds(1), Count: 3);

    private static IReadOnlyList<GateSpec> SampleGates() =>
    [
        Gate.ErrorRate("error-rate", "modelservice_requests_total", maxRate: 0.03) with { Schedule = ThreeTimes, Limits = new GateLimits(MinSamples: 200) },
        Gate.ErrorRate("error-rate-vs-baseline", "modelservice_requests_total", maxRate: 0.5, versusBaseline: new ProportionComparisonOptions { Confidence = 0.999, AllowedRelativeIncrease = 0.5 }) with
        { Schedule = ThreeTimes, Limits = new GateLimits(MinSamples: 200) },
        Gate.LatencyQuantile("p95-latency", "modelservice_request_duration_seconds", 0.95, maxSeconds: 0.25) with { Schedule = ThreeTimes, Limits = new GateLimits(MinSamples: 200) },
        Gate.Drift("prediction-drift", "modelservice_prediction_value", new DriftOptions { MinimumCountPerVersion = 200 }) with { Schedule = ThreeTimes },
        Gate.RelativeToBaseline(
            "p95-vs-baseline",
            "histogram_quantile(0.95, sum by (le) (rate(modelservice_request_duration_seconds_bucket{service=\"{{service}}\",version=\"{{version}}\"}[{{window}}])))",
            maxIncreasePercent: 50,
            samplesQuery: "sum(increase(modelservice_request_duration_seconds_count{service=\"{{service}}\",version=\"{{version}}\"}[{{window}}]))") with
        { Schedule = ThreeTimes, Limits = new GateLimits(MinSamples: 200) },
        Gate.NoFiringAlerts("no-alerts") with { Schedule = ThreeTimes },
        Gate.Compare("p90-mann-whitney", "histogram_quantile(0.9, sum by (le) (rate(modelservice_request_duration_seconds_bucket{service=\"{{service}}\",version=\"{{version}}\"}[3s])))", TimeSpan.FromSeconds(1)) with
        { Schedule = ThreeTimes, DryRun = true },
    ];

    private Task<AnalysisResult> Verify(string scenario, IReadOnlyList<GateSpec>? gates = null, PrometheusServer? server = null)
    {
        var client = new PrometheusClient(stack.Options(server ?? stack.Main));
        var release = ReleaseContext.Of(scenario, "v2", baselineVersion: "v1", environment: "test", window: TimeSpan.FromSeconds(10));
        return new Verifier(client).VerifyAsync(gates ?? SampleGates(), release, InconclusivePolicy.Rollback);
    }

    private static GateResult GateNamed(AnalysisResult result, string name) => result.Gates.Single(g => g.Gate == name);

    [Fact]
    public async Task A_healthy_release_passes_every_gate_on_Prometheus()
    {
        var result = await Verify("healthy");

        Assert.True(result.Verdict == Verdict.Pass, string.Join("\n", result.Gates.Select(g => $"{g.Gate}: {g.Decision}")));
        Assert.All(result.Gates.Where(g => !g.DryRun), g => Assert.Equal(GateStatus.Pass, g.Decision.Status));
        var errorRate = GateNamed(result, "error-rate").Measurements[0];
        Assert.InRange(errorRate.SampleSize!.Value, 500, 2000);
        Assert.StartsWith("up{service=\"healthy\",version=\"v2\"}", errorRate.Queries[0], StringComparison.Ordinal);
        var errors = errorRate.Queries.Single(q => q.Contains("code=~", StringComparison.Ordinal));
        Assert.Contains("service=\"healthy\",version=\"v2\"", errors, StringComparison.Ordinal);
        Assert.Contains("[10s]", errors, StringComparison.Ordinal);
        var mannWhitney = GateNamed(result, "p90-mann-whitney").Measurements;
        Assert.All(mannWhitney, m => Assert.NotEqual(MeasurementPhase.Error, m.Phase));
        Assert.All(mannWhitney, m => Assert.True(m.SampleSize >= 5, m.Reason));
    }

    [Fact]
    public async Task An_error_rate_regression_fails_on_Prometheus()
    {
        var result = await Verify("errors");

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(ReleaseAction.Rollback, result.Action);
        var gate = GateNamed(result, "error-rate");
        Assert.Equal(GateStatus.Fail, gate.Decision.Status);
        Assert.InRange(gate.Measurements[0].Value!.Value, 0.04, 0.14);
        Assert.Equal(GateStatus.Fail, GateNamed(result, "error-rate-vs-baseline").Decision.Status);
        Assert.Equal(GateStatus.Pass, GateNamed(result, "p95-latency").Decision.Status);
    }

    [Fact]
    public async Task No_error_series_with_traffic_is_zero_errors_on_Prometheus()
    {
        var result = await Verify("flawless", [SampleGates()[0]]);

        Assert.Equal(Verdict.Pass, result.Verdict);
        var measurement = result.Gates[0].Measurements[0];
        Assert.Equal(0.0, measurement.Value);
        Assert.Contains("no error series", measurement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_latency_regression_fails_on_Prometheus()
    {
        var result = await Verify("slow");

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(GateStatus.Fail, GateNamed(result, "p95-latency").Decision.Status);
        Assert.Equal(GateStatus.Fail, GateNamed(result, "p95-vs-baseline").Decision.Status);
        Assert.Equal(GateStatus.Pass, GateNamed(result, "error-rate").Decision.Status);
    }

    [Fact]
    public async Task Shifted_predictions_fail_the_drift_gate_on_Prometheus()
    {
        var result = await Verify("drifted");

        Assert.Equal(Verdict.Fail, result.Verdict);
        var drift = GateNamed(result, "prediction-drift");
        Assert.Equal(GateStatus.Fail, drift.Decision.Status);
        var judged = drift.Measurements.First(m => m.Phase == MeasurementPhase.Fail);
        Assert.True(judged.Value > 0.1, judged.Reason);
        Assert.Equal(2, judged.Queries.Count(q => q.Contains("_bucket", StringComparison.Ordinal)));
        Assert.Equal(GateStatus.Pass, GateNamed(result, "error-rate").Decision.Status);
    }

    [Fact]
    public async Task No_traffic_is_inconclusive_never_pass_on_Prometheus()
    {
        var result = await Verify("idle");

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        foreach (var name in new[] { "error-rate", "error-rate-vs-baseline", "p95-latency", "prediction-drift", "p95-vs-baseline" })
        {
            var gate = GateNamed(result, name);
            Assert.True(gate.Decision.Status == GateStatus.Inconclusive, $"{name}: {gate.Decision}");
            Assert.DoesNotContain(gate.Measurements, m => m.Phase == MeasurementPhase.Pass);
        }
    }

    [Fact]
    public async Task Prometheus_stopped_mid_analysis_never_passes()
    {
        var sixTimes = new GateSchedule(TimeSpan.FromSeconds(1), Count: 6);
        IReadOnlyList<GateSpec> gates =
        [
            Gate.ErrorRate("error-rate", "modelservice_requests_total", maxRate: 0.03) with { Schedule = sixTimes, Limits = new GateLimits(MinSamples: 50) },
        ];
        var client = new PrometheusClient(stack.Options(stack.Stoppable));
        var verifier = new Verifier(client);
        var measured = 0;
        verifier.Measured += (_, _) =>
        {
            if (Interlocked.Increment(ref measured) == 2)
                stack.Stoppable.Stop();
        };

        var result = await verifier.VerifyAsync(gates, ReleaseContext.Of("healthy", "v2", "v1", window: TimeSpan.FromSeconds(5)), InconclusivePolicy.Rollback);

        Assert.NotEqual(Verdict.Pass, result.Verdict);
        var measurements = result.Gates[0].Measurements;
        Assert.Equal([MeasurementPhase.Pass, MeasurementPhase.Pass], measurements.Take(2).Select(m => m.Phase));
        Assert.All(measurements.Skip(2), m => Assert.Equal(MeasurementPhase.Error, m.Phase));
        Assert.Contains("cannot connect", measurements[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(GateStatus.Error, result.Gates[0].Decision.Status);
    }

    [Fact]
    public async Task Malformed_PromQL_is_rejected_by_Prometheus_before_the_analysis_starts()
    {
        IReadOnlyList<GateSpec> gates =
        [
            Gate.Threshold("good", "sum(up{service=\"{{service}}\"})", min: 1),
            Gate.Threshold("broken-parens", "sum(rate(modelservice_requests_total{service=\"{{service}}\"}[{{window}}])", max: 1),
        ];
        var verifier = new Verifier(new PrometheusClient(stack.Options(stack.Main)));
        var measured = 0;
        verifier.Measured += (_, _) => measured++;

        var e = await Assert.ThrowsAsync<GateConfigurationException>(() =>
            verifier.VerifyAsync(gates, ReleaseContext.Of("healthy", "v2"), InconclusivePolicy.Rollback));

        var problem = Assert.Single(e.Problems);
        Assert.Contains("gate 'broken-parens'", problem, StringComparison.Ordinal);
        Assert.Contains("parse error", problem, StringComparison.Ordinal);
        Assert.Equal(0, measured);
    }
}
