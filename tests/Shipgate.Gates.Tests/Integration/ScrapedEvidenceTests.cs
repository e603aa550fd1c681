using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// What the analysis must see on a real Prometheus scraping a real exporter: a version that stops being
/// scraped, a matcher that can never match, a baseline without data, latency beyond the buckets, a NaN
/// bucket, a histogram younger than the window, a server that turns slow. None of them may pass.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class ScrapedEvidenceTests(PrometheusStackFixture stack)
{
    private static readonly GateSchedule EverySecond = new(TimeSpan.FromSeconds(1), Count: 3);

    private PrometheusClient Client() => new(stack.Options(stack.Main));

    private Task<AnalysisResult> Verify(string service, IReadOnlyList<GateSpec> gates, string version = "v2", string? baseline = "v1") =>
        new Verifier(Client()).VerifyAsync(gates, ReleaseContext.Of(service, version, baseline, "test", TimeSpan.FromSeconds(10)), InconclusivePolicy.Rollback);

    [Fact]
    public async Task A_candidate_that_stops_being_scraped_mid_analysis_is_never_promoted()
    {
        var candidate = stack.Vanishing;
        IReadOnlyList<GateSpec> gates =
        [
            Gate.ErrorRate("error-rate", "modelservice_requests_total", 0.03) with { Schedule = new GateSchedule(TimeSpan.FromSeconds(1), Count: 5), Limits = new GateLimits(MinSamples: 100) },
        ];
        var verifier = new Verifier(Client());
        var measured = 0;
        verifier.Measured += (_, _) =>
        {
            if (Interlocked.Increment(ref measured) == 2)
                candidate.Answering = false;
        };

        try
        {
            var result = await verifier.VerifyAsync(gates, ReleaseContext.Of("vanishing", "v2", window: TimeSpan.FromSeconds(10)), InconclusivePolicy.Rollback);

            // Its increase() window still held the samples from before: every gate kept passing.
            Assert.NotEqual(Verdict.Pass, result.Verdict);
            var measurements = result.Gates[0].Measurements;
            Assert.Equal([MeasurementPhase.Pass, MeasurementPhase.Pass], measurements.Take(2).Select(m => m.Phase));
            Assert.Equal(MeasurementPhase.Inconclusive, measurements[^1].Phase);
            Assert.Contains("is down (up = 0)", measurements[^1].Reason, StringComparison.Ordinal);
        }
        finally
        {
            candidate.Answering = true;
        }
    }

    [Fact]
    public async Task An_alerts_only_file_never_passes_a_candidate_that_was_never_scraped()
    {
        var result = await Verify("healthy", [Gate.NoFiringAlerts("no-alerts") with { Schedule = EverySecond }], version: "v9", baseline: null);

        Assert.NotEqual(Verdict.Pass, result.Verdict);
        Assert.All(result.Gates[0].Measurements, m => Assert.Equal(MeasurementPhase.Inconclusive, m.Phase));
        Assert.Contains("the new version v9 (up{service=\"healthy\",version=\"v9\"}) has no scrape", result.Gates[0].Measurements[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_matcher_whose_label_the_series_lack_is_no_data_not_zero_errors()
    {
        // "flawless" has no error series: with a misspelt label this passed as "0 requests failed (no error series)".
        var gate = Gate.ErrorRate("error-rate", "modelservice_requests_total", 0.03, errorMatcher: "cod=~\"5..\"") with { Schedule = EverySecond, Limits = new GateLimits(MinSamples: 100) };
        var result = await Verify("flawless", [gate], baseline: null);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        var last = result.Gates[0].Measurements[^1];
        Assert.Equal(MeasurementPhase.Inconclusive, last.Phase);
        Assert.Contains("needs label 'cod', which no series of modelservice_requests_total", last.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preflight_reports_a_misspelt_matcher_label_and_a_query_the_server_rejects()
    {
        var document = GatesFile.Parse("""
            gates:
              - {name: error-rate, kind: errorRate, metric: modelservice_requests_total, errors: 'cod=~"5.."', max: 0.05}
              - {name: broken, kind: threshold, query: 'sum(up', max: 1}
              - {name: drift, kind: drift, metric: modelservice_prediction_value}
            """, "preflight.yaml");
        using var client = Client();

        var problems = await GatesPreflight.CheckAsync(document, ReleaseContext.Of("healthy", "v3", "v2"), client);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("gate 'broken': the server rejects the query `sum(up`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("gate 'error-rate': the error matcher `cod=~\"5..\"` needs label 'cod'", StringComparison.Ordinal));
        Assert.Empty(await GatesPreflight.CheckAsync(document with { Gates = [document.Gates[2]] }, ReleaseContext.Of("healthy", "v3", "v2"), client));
    }

    [Fact]
    public async Task A_baseline_without_data_makes_its_gates_not_applicable_with_a_warning_and_the_candidates_own_gates_decide()
    {
        IReadOnlyList<GateSpec> gates =
        [
            Gate.ErrorRate("error-rate", "modelservice_requests_total", 0.03, versusBaseline: new ProportionComparisonOptions()) with { Schedule = EverySecond, Limits = new GateLimits(MinSamples: 100) },
            Gate.Drift("prediction-drift", "modelservice_prediction_value", new DriftOptions { MinimumCountPerVersion = 200 }) with { Schedule = EverySecond },
        ];

        var healthy = await Verify("healthy", gates, baseline: "v0");
        var failing = await Verify("errors", gates, baseline: "v0");

        // Before, the drift gate was Inconclusive ("no buckets for the baseline") and rolled back every release.
        Assert.Equal(Verdict.Pass, healthy.Verdict);
        Assert.Equal(GateStatus.NotApplicable, healthy.Gates.Single(g => g.Gate == "prediction-drift").Decision.Status);
        Assert.Contains("baseline version v0 has no data in the metrics backend", Assert.Single(healthy.Warnings), StringComparison.Ordinal);
        Assert.Contains("deciding on their own maximum only: error-rate", healthy.Warnings[0], StringComparison.Ordinal);

        // A 8% error rate fails on its own maximum, never "too few samples" for want of a baseline.
        Assert.Equal(Verdict.Fail, failing.Verdict);
        Assert.Equal(MeasurementPhase.Fail, failing.Gates.Single(g => g.Gate == "error-rate").Measurements[0].Phase);
    }

    [Fact]
    public async Task Latency_beyond_the_highest_bucket_fails_a_limit_above_that_bucket()
    {
        // p95 of 30 s mean latency lies beyond the 5 s bucket; histogram_quantile reported 5 and passed a 10 s limit.
        var gate = Gate.LatencyQuantile("p95", "modelservice_request_duration_seconds", 0.95, maxSeconds: 10) with { Schedule = EverySecond, Limits = new GateLimits(MinSamples: 100) };
        var result = await Verify("very-slow", [gate], baseline: null);

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Contains("beyond the highest finite bucket (> 5s)", result.Gates[0].Measurements[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NaN_latency_bucket_is_no_data_never_a_pass()
    {
        var gate = Gate.LatencyQuantile("p95", "modelservice_request_duration_seconds", 0.95, maxSeconds: 0.25) with { Schedule = EverySecond, Limits = new GateLimits(MinSamples: 100) };
        var result = await Verify("nan-bucket", [gate], baseline: null);

        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.All(result.Gates[0].Measurements, m => Assert.Equal(MeasurementPhase.Inconclusive, m.Phase));
        Assert.Contains("le=\"0.1\" has count NaN", result.Gates[0].Measurements[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_drift_gate_waits_until_the_versions_series_cover_its_window()
    {
        var exporter = stack.Exporter;
        using var fresh = PrometheusServer.Start(exporter.ScrapeJob("healthy", "v1") + exporter.ScrapeJob("healthy", "v2"));
        await fresh.WaitForScrapesAsync(2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        var gate = Gate.Drift("prediction-drift", "modelservice_prediction_value", new DriftOptions { MinimumCountPerVersion = 50 }) with { Schedule = new GateSchedule(TimeSpan.FromSeconds(1), Count: 1) };

        var result = await new Verifier(new PrometheusClient(stack.Options(fresh)))
            .VerifyAsync([gate], ReleaseContext.Of("healthy", "v2", "v1", window: TimeSpan.FromSeconds(30)), InconclusivePolicy.Rollback);

        var measurement = Assert.Single(result.Gates[0].Measurements);
        Assert.Equal(MeasurementPhase.Pending, measurement.Phase);
        Assert.Contains("less than the 30s window", measurement.Reason, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public async Task A_Prometheus_that_turns_slow_is_cut_off_at_the_plans_deadline()
    {
        var gates = new[] { Gate.ErrorRate("error-rate", "modelservice_requests_total", 0.03) with { Schedule = new GateSchedule(TimeSpan.FromSeconds(1), Count: 3) } };
        var slow = new DelayingSource(Client(), fastCalls: 6, delay: TimeSpan.FromSeconds(30));
        var verifier = new Verifier(slow) { DeadlineSlack = TimeSpan.FromSeconds(2) };
        var started = DateTimeOffset.UtcNow;

        var result = await verifier.VerifyAsync(gates, ReleaseContext.Of("healthy", "v2", window: TimeSpan.FromSeconds(10)), InconclusivePolicy.Rollback);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(20), "the analysis ran on past its deadline");
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal(GateStatus.Error, result.Gates[0].Decision.Status);
        Assert.Contains("not finished by the analysis deadline (2s planned + 2s)", result.Gates[0].Decision.Reason, StringComparison.Ordinal);
        Assert.Contains("deadline", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }
}
