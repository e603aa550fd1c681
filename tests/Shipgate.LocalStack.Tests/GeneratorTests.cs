using System.Text.Json;
using Shipgate.Core.Text;
using Shipgate.LocalStack.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Shipgate.LocalStack.Tests;

public sealed class GeneratorTests
{
    private static readonly MonitoringSpec TwoVersions = MonitoringSpec.Sample with
    {
        Targets =
        [
            new ScrapeTarget("modelservice", "1", "local", "127.0.0.1:8081"),
            new ScrapeTarget("modelservice", "2", "local", "127.0.0.1:8082"),
            new ScrapeTarget("modelservice", "2", "local", "127.0.0.1:8083"),
        ],
    };

    private static YamlMappingNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

    [Fact]
    public void Prometheus_config_has_one_static_group_per_version_with_its_labels()
    {
        var config = ParseYaml(PrometheusConfigGenerator.Generate(TwoVersions, ["alerts.yml"]));

        Assert.Equal("1s", Scalar(config, "global", "scrape_interval"));
        Assert.Equal("1s", Scalar(config, "global", "scrape_timeout"));
        Assert.Equal("alerts.yml", ((YamlSequenceNode)config["rule_files"]).Children.Cast<YamlScalarNode>().Single().Value);
        var job = (YamlMappingNode)((YamlSequenceNode)config["scrape_configs"]).Children.Single();
        Assert.Equal("modelservice", Scalar(job, "job_name"));
        var groups = ((YamlSequenceNode)job["static_configs"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal("2", Scalar(groups[1], "labels", "version"));
        Assert.Equal("local", Scalar(groups[1], "labels", "environment"));
        Assert.Equal(["127.0.0.1:8082", "127.0.0.1:8083"], ((YamlSequenceNode)groups[1]["targets"]).Children.Cast<YamlScalarNode>().Select(s => s.Value));
    }

    [Fact]
    public void A_numeric_version_stays_a_quoted_string_in_yaml()
    {
        var yaml = PrometheusConfigGenerator.Generate(MonitoringSpec.Sample, []);

        Assert.Contains("version: \"1\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slower_scrape_interval_caps_the_timeout_at_ten_seconds()
    {
        var config = ParseYaml(PrometheusConfigGenerator.Generate(MonitoringSpec.Sample with { ScrapeInterval = TimeSpan.FromSeconds(30) }, []));

        Assert.Equal("30s", Scalar(config, "global", "scrape_interval"));
        Assert.Equal("10s", Scalar(config, "global", "scrape_timeout"));
    }

    [Fact]
    public void Load_alert_fires_above_80_percent_for_5_minutes_and_notifies_the_administrator()
    {
        var rules = ParseYaml(AlertRulesGenerator.Generate(MonitoringSpec.Sample));

        var alert = Rules(rules).Single(r => Scalar(r, "alert") == AlertRulesGenerator.InstanceLoadHigh);
        Assert.EndsWith("> 0.8", Scalar(alert, "expr"), StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", Scalar(alert, "expr"), StringComparison.Ordinal);
        Assert.Equal("5m", Scalar(alert, "for"));
        Assert.Equal("administrator", Scalar(alert, "labels", "notify"));
        Assert.Contains("80%", Scalar(alert, "annotations", "summary"), StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_thresholds_reach_the_expressions()
    {
        var spec = MonitoringSpec.Sample with
        {
            Alerts = new AlertThresholds { InstanceLoad = 0.9, InstanceCpus = 2, ErrorRate = 0.1, LatencyP95Seconds = 0.25 },
        };
        var rules = Rules(ParseYaml(AlertRulesGenerator.Generate(spec))).ToDictionary(r => Scalar(r, "alert"), r => Scalar(r, "expr"));

        Assert.EndsWith("/ 2 > 0.9", rules[AlertRulesGenerator.InstanceLoadHigh], StringComparison.Ordinal);
        Assert.EndsWith("> 0.1", rules[AlertRulesGenerator.ErrorRateHigh], StringComparison.Ordinal);
        Assert.Contains("code=~\"5..\"", rules[AlertRulesGenerator.ErrorRateHigh], StringComparison.Ordinal);
        Assert.EndsWith("> 0.25", rules[AlertRulesGenerator.LatencyHigh], StringComparison.Ordinal);
        Assert.Contains("histogram_quantile(0.95", rules[AlertRulesGenerator.LatencyHigh], StringComparison.Ordinal);
    }

    [Fact]
    public void Release_events_become_recording_rules_valued_at_their_unix_time_keeping_the_newest()
    {
        var events = Enumerable.Range(1, 5).Select(i => new ReleaseEvent(
            i % 2 == 0 ? ReleaseEventKind.Rollback : ReleaseEventKind.Deploy, "modelservice", "local", $"{i}", $"r{i}",
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + i))).ToList();
        var spec = MonitoringSpec.Sample with { ReleaseEvents = events, MaxReleaseEvents = 3 };

        var rules = Rules(ParseYaml(ReleaseEventRulesGenerator.Generate(spec))).ToList();

        Assert.Equal(["r3", "r4", "r5"], rules.Select(r => Scalar(r, "labels", "release_id")));
        Assert.Equal("vector(1700000004)", Scalar(rules[1], "expr"));
        Assert.Equal("rollback", Scalar(rules[1], "labels", "event"));
        Assert.All(rules, r => Assert.Equal(ReleaseEvent.MetricName, Scalar(r, "record")));
    }

    [Fact]
    public void Dashboard_is_json_with_panels_for_traffic_errors_latency_and_predictions_by_version()
    {
        using var json = JsonDocument.Parse(GrafanaDashboardGenerator.Generate(MonitoringSpec.Sample));
        var root = json.RootElement;
        var panelQueries = DashboardQueries.Panels(root).ToList();

        Assert.Equal("shipgate-modelservice", root.GetProperty("uid").GetString());
        Assert.Contains(panelQueries, q => q.Contains("modelservice_requests_total", StringComparison.Ordinal) && q.Contains("code=~\"5..\"", StringComparison.Ordinal));
        Assert.Contains(panelQueries, q => q.Contains("modelservice_request_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains(panelQueries, q => q.Contains("modelservice_prediction_value_bucket", StringComparison.Ordinal));
        // Every panel splits by version; the load panel keeps each instance (its series carry the version label).
        Assert.All(panelQueries, q => Assert.True(
            q.Contains("by (version", StringComparison.Ordinal) || q.StartsWith("rate(process_cpu_seconds_total", StringComparison.Ordinal), q));
        var ids = root.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Dashboard_annotates_deploys_promotions_and_rollbacks_from_release_events()
    {
        using var json = JsonDocument.Parse(GrafanaDashboardGenerator.Generate(MonitoringSpec.Sample));
        var annotations = json.RootElement.GetProperty("annotations").GetProperty("list").EnumerateArray()
            .Where(a => a.TryGetProperty("expr", out _)).ToList();

        foreach (var kind in new[] { "deploy", "promote", "rollback" })
        {
            var annotation = Assert.Single(annotations, a => a.GetProperty("expr").GetString()!.Contains($"event=\"{kind}\"", StringComparison.Ordinal));
            Assert.Contains(ReleaseEvent.MetricName, annotation.GetProperty("expr").GetString(), StringComparison.Ordinal);
            Assert.True(annotation.GetProperty("useValueForTime").GetBoolean());
        }
    }

    [Theory]
    [InlineData("10.1.2.3:8080", "not a loopback address")]
    [InlineData("127.0.0.1", "must be host:port")]
    public void A_bad_target_address_is_rejected_naming_it(string address, string problem)
    {
        var spec = MonitoringSpec.Sample with { Targets = [new ScrapeTarget("modelservice", "1", "local", address)] };

        var error = Assert.Throws<ArgumentException>(() => MonitoringFiles.Render(spec));

        Assert.Contains(address, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_targets_on_one_address_are_rejected()
    {
        var spec = MonitoringSpec.Sample with
        {
            Targets = [new ScrapeTarget("modelservice", "1", "local", "127.0.0.1:8080"), new ScrapeTarget("modelservice", "2", "local", "127.0.0.1:8080")],
        };

        var error = Assert.Throws<ArgumentException>(() => MonitoringFiles.Render(spec));

        Assert.Contains("127.0.0.1:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_impossible_alert_threshold_is_rejected_naming_it()
    {
        var spec = MonitoringSpec.Sample with { Alerts = new AlertThresholds { InstanceLoad = 1.5 } };

        var error = Assert.Throws<ArgumentException>(() => AlertRulesGenerator.Generate(spec));

        Assert.Contains(nameof(AlertThresholds.InstanceLoad), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000, "1s")]
    [InlineData(300_000, "5m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(90_000, "90s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    public void Durations_are_written_as_Prometheus_literals(int milliseconds, string expected) =>
        Assert.Equal(expected, PromDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    private static IEnumerable<YamlMappingNode> Rules(YamlMappingNode document) =>
        ((YamlSequenceNode)document["groups"]).Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>());
}
