using Shipgate.Gates.Specs;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Sequential;

public class SequentialGatesFileTests
{
    private const string File = """
        sequential:
          falseRollbackRate: 0.01
          missedRegressionRate: 0.02
        gates:
          - name: errors
            kind: sequentialErrorRate
            metric: requests_total
            errors: code=~"5.."
            minimumEffect: 0.5
            minimumAbsoluteEffect: 0.01
            baselineWindow: 10m
          - name: p95
            kind: sequentialLatency
            metric: duration_seconds
            quantile: 0.95
          - name: predictions
            kind: sequentialDrift
            metric: prediction_value
            minimumEffect: 0.3
            minimumCountPerVersion: 200
          - name: guard
            kind: errorRate
            metric: requests_total
            max: 0.05
        """;

    [Fact]
    public void The_file_gives_each_sequential_gate_its_share_of_the_release_budget_and_its_minimum_effect()
    {
        var gates = GatesFile.Parse(File, "gates.yaml").Gates;
        var errors = Assert.IsType<SequentialErrorRateGate>(gates[0]);
        var p95 = Assert.IsType<SequentialLatencyGate>(gates[1]);
        var predictions = Assert.IsType<SequentialDriftGate>(gates[2]);

        Assert.All<SequentialGate>([errors, p95, predictions], g => Assert.Equal(0.01 / 3, g.Options.FalseRollbackRate, 15));
        Assert.All<SequentialGate>([errors, p95, predictions], g => Assert.Equal(0.02, g.Options.MissedRegressionRate));
        Assert.Equal((0.5, 0.01), (errors.Options.MinimumEffect, errors.Options.MinimumAbsoluteEffect));
        Assert.Equal(TimeSpan.FromMinutes(10), errors.BaselineWindow);
        Assert.Null(p95.BaselineWindow);
        Assert.Equal("sum(increase(requests_total{service=\"{{service}}\",version=\"{{version}}\",code=~\"5..\"}[{{window}}]))", errors.ErrorsQuery);
        Assert.Equal((0.95, 0.2), (p95.Quantile, p95.Options.MinimumEffect));
        Assert.Equal((0.3, 200.0), (predictions.Options.MinimumEffect, predictions.Options.MinimumCountPerVersion));
    }

    [Fact]
    public void Without_a_sequential_section_the_release_budget_is_one_percent_each_way()
    {
        var gate = Assert.IsType<SequentialDriftGate>(GatesFile.Parse("gates:\n  - {name: d, kind: sequentialDrift, metric: m}", "g.yaml").Gates[0]);
        Assert.Equal((0.01, 0.01, 0.25), (gate.Options.FalseRollbackRate, gate.Options.MissedRegressionRate, gate.Options.MinimumEffect));
    }

    [Theory]
    [InlineData("sequential:\n  falseRollbackRate: 0.6\ngates:\n  - {name: d, kind: sequentialDrift, metric: m}", "g.yaml:2:22: 'sequential': 'falseRollbackRate' is a probability")]
    [InlineData("sequential:\n  budget: 1\ngates:\n  - {name: d, kind: sequentialDrift, metric: m}", "g.yaml:2:3: unknown key 'budget'")]
    [InlineData("gates:\n  - {name: d, kind: sequentialDrift, metric: m, minimumEffect: 0}", "g.yaml:2:5: gate 'd': MinimumEffect must be")]
    [InlineData("gates:\n  - {name: d, kind: sequentialDrift, metric: m, minimumAbsoluteEffect: 0.1}", "unknown key 'minimumAbsoluteEffect'")]
    [InlineData("gates:\n  - {name: d, kind: errorRate, metric: m, max: 0.1, baselineWindow: 10m}", "unknown key 'baselineWindow'")]
    public void A_bad_sequential_setting_is_named_with_its_place(string yaml, string expected)
    {
        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse(yaml, "g.yaml"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
