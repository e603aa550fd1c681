using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Yaml;

public class GatesFileTests
{
    private const string Valid = """
        inconclusivePolicy: pause
        defaults:
          interval: 10s
          count: 6
          window: 2m
          failureLimit: 1
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.01
            critical: true
          - name: p95
            kind: latencyQuantile
            metric: modelservice_request_duration_seconds
            quantile: 0.95
            max: 0.3
            duration: 1m
          - name: drift
            kind: drift
            metric: modelservice_prediction_value
            method: ks
            effectThreshold: 0.15
            dryRun: true
          - name: vs-baseline
            kind: relativeToBaseline
            query: sum(rate(x{version="{{version}}"}[{{window}}]))
            maxIncreasePercent: 10
            baselineOffset: 1h
          - name: cpu
            kind: threshold
            query: max(process_cpu{service="{{service}}", region="{{region}}"})
            min: 0
            max: 0.8
          - name: mwu
            kind: compare
            query: x{version="{{version}}"}
            step: 5s
            direction: either
          - name: alerts
            kind: alerts
            labels:
              service: "{{service}}"
        """;

    private static GatesFileException Error(string yaml, IEnumerable<string>? extra = null) =>
        Assert.Throws<GatesFileException>(() => GatesFile.Parse(yaml, "gates.yaml", extra));

    [Fact]
    public void Reads_every_kind_with_defaults_and_overrides()
    {
        var doc = GatesFile.Parse(Valid, "gates.yaml", ["region"]);

        Assert.Equal(InconclusivePolicy.Pause, doc.Policy);
        Assert.Equal(["errorRate", "latencyQuantile", "drift", "relativeToBaseline", "threshold", "compare", "alerts"], doc.Gates.Select(g => g.Kind));
        var errorRate = Assert.IsType<ErrorRateGate>(doc.Gates[0]);
        Assert.Equal((0.01, true, 6, 1, 50.0), (errorRate.MaxRate, errorRate.Critical, errorRate.Schedule.MeasurementCount, errorRate.Limits.FailureLimit, errorRate.Limits.MinSamples));
        // The defaults' window is the document's: a release window given elsewhere (--window) reaches the gate.
        Assert.Equal((TimeSpan.FromMinutes(2), (TimeSpan?)null), (doc.Window, errorRate.Window));
        var p95 = Assert.IsType<LatencyQuantileGate>(doc.Gates[1]);
        Assert.Equal(7, p95.Schedule.MeasurementCount);
        var drift = Assert.IsType<DriftGate>(doc.Gates[2]);
        Assert.Equal((DriftMetricKind.KolmogorovSmirnov, 0.15, true), (drift.Options.Metric, drift.Options.EffectThreshold, drift.DryRun));
        Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<RelativeToBaselineGate>(doc.Gates[3]).BaselineOffset);
        Assert.Equal(RegressionDirection.Either, Assert.IsType<CompareGate>(doc.Gates[5]).Options.Direction);
        Assert.Equal("{{service}}", Assert.IsType<NoFiringAlertsGate>(doc.Gates[6]).Labels["service"]);
    }

    [Fact]
    public void The_yaml_and_the_csharp_api_build_the_same_spec()
    {
        var fromYaml = GatesFile.Parse("""
            gates:
              - name: p95
                kind: latencyQuantile
                metric: m
                quantile: 0.95
                max: 0.3
            """, "g.yaml").Gates[0];
        Assert.Equal(Gate.LatencyQuantile("p95", "m", 0.95, 0.3), fromYaml);
    }

    [Fact]
    public void An_unknown_key_is_an_error_at_its_line_and_column_with_a_suggestion()
    {
        var e = Error("""
            gates:
              - name: p95
                kind: latencyQuantile
                metric: m
                quantile: 0.95
                maxx: 0.3
            """);
        Assert.Equal((6, 5), (e.Line, e.Column));
        Assert.StartsWith("gates.yaml:6:5: unknown key 'maxx'", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'max'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_top_level_key_is_an_error() =>
        Assert.Equal((1, 1), (Error("gate: []\ngates: []").Line, Error("gate: []\ngates: []").Column));

    [Fact]
    public void Malformed_yaml_names_the_position()
    {
        var e = Error("gates:\n  - name: a\n    kind: [threshold\n");
        Assert.Equal("gates.yaml", e.File);
        Assert.True(e.Line >= 3, e.Message);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_template_variable_points_at_the_query() =>
        Assert.Equal((3, 12), Position(Error("""
            gates:
              - name: cpu
                query: x{region="{{region}}"}
                kind: threshold
                max: 1
            """)));

    [Fact]
    public void A_bad_value_points_at_the_value() =>
        Assert.Equal((5, 15), Position(Error("""
            gates:
              - name: p95
                kind: latencyQuantile
                metric: m
                quantile: high
                max: 1
            """)));

    [Theory]
    [InlineData("kind: threshold\n    query: up", "needs 'min', 'max' or both")]
    [InlineData("kind: latencyQuantile\n    metric: m\n    quantile: 95\n    max: 1", "'quantile' must be between 0 and 1")]
    [InlineData("kind: errorRate\n    metric: m\n    max: 0.1\n    count: 0", "count must be 1 or more")]
    [InlineData("kind: errorRate\n    metric: m\n    max: 0.1\n    interval: soon", "'interval' must be a duration")]
    [InlineData("kind: drift\n    metric: m\n    confidence: 2", "Confidence")]
    [InlineData("kind: canary", "unknown gate kind 'canary'")]
    [InlineData("kind: errorRate\n    max: 0.1", "needs 'metric'")]
    public void Semantic_errors_name_the_gate_file_and_line(string body, string expected)
    {
        var e = Error($"gates:\n  - name: g\n    {body}\n");
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("gates.yaml:", e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Line, 2, 7);
    }

    [Fact]
    public void An_error_rate_gate_may_also_compare_with_the_baseline()
    {
        var gate = Assert.IsType<ErrorRateGate>(GatesFile.Parse("""
            gates:
              - name: e
                kind: errorRate
                metric: m
                max: 0.05
                vsBaseline:
                  confidence: 0.95
                  allowedRelativeIncrease: 0.25
            """, "g.yaml").Gates[0]);
        Assert.Equal((0.95, 0.25), (gate.BaselineComparison!.Confidence, gate.BaselineComparison.AllowedRelativeIncrease));
        Assert.True(gate.UsesBaseline);
        Assert.Null(Assert.IsType<ErrorRateGate>(GatesFile.Parse("gates: [{name: e, kind: errorRate, metric: m, max: 0.05}]", "g.yaml").Gates[0]).BaselineComparison);
    }

    [Fact]
    public void An_unknown_key_inside_a_nested_mapping_is_an_error_at_its_position()
    {
        var e = Error("gates:\n  - name: e\n    kind: errorRate\n    metric: m\n    max: 0.05\n    vsBaseline:\n      confidense: 0.9\n");
        Assert.Equal((7, 7), (e.Line, e.Column));
        Assert.Contains("did you mean 'confidence'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_gate_names_are_errors() =>
        Assert.Contains("already defined", Error("gates:\n  - {name: a, kind: threshold, query: up, max: 1}\n  - {name: a, kind: threshold, query: up, max: 1}\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Duplicate_keys_are_errors()
    {
        var e = Error("gates:\n  - {name: a, kind: threshold, query: up, max: 1, max: 2}\n");
        Assert.Contains("duplicate key", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void An_empty_gate_list_is_an_error() =>
        Assert.Contains("at least one gate", Error("gates: []").Message, StringComparison.Ordinal);

    [Fact]
    public void The_deploy_gates_file_reads()
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "gates.yaml");
        var doc = GatesFile.Load(path);
        Assert.Contains(doc.Gates, g => g is ErrorRateGate);
        Assert.Contains(doc.Gates, g => g is LatencyQuantileGate);
        Assert.Contains(doc.Gates, g => g is SequentialErrorRateGate);
        Assert.Contains(doc.Gates, g => g is SequentialDriftGate);
    }

    private static (long, long) Position(GatesFileException e) => (e.Line, e.Column);
}
