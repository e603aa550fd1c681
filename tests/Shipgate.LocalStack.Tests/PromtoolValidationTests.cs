using Shipgate.LocalStack.Monitoring;

namespace Shipgate.LocalStack.Tests;

public sealed class PromtoolValidationTests
{
    private static MonitoringSpec TwoVersionsWithEvents() => MonitoringSpec.Sample with
    {
        Targets =
        [
            new ScrapeTarget("modelservice", "1", "local", "127.0.0.1:18151"),
            new ScrapeTarget("modelservice", "2", "local", "127.0.0.1:18152"),
        ],
        ReleaseEvents =
        [
            new ReleaseEvent(ReleaseEventKind.Deploy, "modelservice", "local", "2", "r-2", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)),
            new ReleaseEvent(ReleaseEventKind.Rollback, "modelservice", "local", "1", "r-3", DateTimeOffset.FromUnixTimeSeconds(1_700_000_060)),
        ],
        AlertmanagerAddress = "127.0.0.1:9093",
    };

    [Fact]
    public async Task Promtool_accepts_the_generated_configuration_and_rules()
    {
        using var dir = new TempDirectory();
        await MonitoringFiles.Render(TwoVersionsWithEvents()).WriteAsync(dir.Path);

        // check config also loads and checks every rule file it names.
        await Promtool.AssertPassesAsync("check", "config", dir.File("prometheus.yml"));
        await Promtool.AssertPassesAsync("check", "rules", dir.File("alerts.yml"));
        await Promtool.AssertPassesAsync("check", "rules", dir.File("release-events.yml"));
    }

    [Fact]
    public async Task Promtool_accepts_a_configuration_without_release_events()
    {
        using var dir = new TempDirectory();
        await MonitoringFiles.Render(MonitoringSpec.Sample).WriteAsync(dir.File("deploy"));

        await Promtool.AssertPassesAsync("check", "config", Path.Combine(dir.File("deploy"), "prometheus.yml"));
    }

    [Fact]
    public async Task Promtool_parses_every_dashboard_query()
    {
        // Grafana's variables replaced by values, each query made a recording rule: promtool parses the PromQL.
        var json = System.Text.Json.JsonDocument.Parse(GrafanaDashboardGenerator.Generate(MonitoringSpec.Sample));
        var queries = DashboardQueries.All(json.RootElement)
            .Select(q => q.Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                .Replace("$__range", "5m", StringComparison.Ordinal)
                .Replace("$service", "modelservice", StringComparison.Ordinal)
                .Replace("$environment", "local", StringComparison.Ordinal))
            .ToList();
        Assert.True(queries.Count >= 9, $"expected at least 9 queries, found {queries.Count}");
        using var dir = new TempDirectory();
        var rules = "groups:\n- name: dashboard\n  rules:\n" + string.Concat(queries.Select((q, i) =>
            $"  - record: dashboard_query_{i}\n    expr: |\n      {q.Replace("\n", "\n      ", StringComparison.Ordinal)}\n"));
        await File.WriteAllTextAsync(dir.File("dashboard-rules.yml"), rules);

        await Promtool.AssertPassesAsync("check", "rules", dir.File("dashboard-rules.yml"));
    }

    [Fact]
    public async Task Promtool_rejects_a_broken_rule_so_the_checks_above_mean_something()
    {
        using var dir = new TempDirectory();
        var broken = AlertRulesGenerator.Generate(MonitoringSpec.Sample).Replace("> 0.8", "> > 0.8", StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.File("alerts.yml"), broken);

        var (exitCode, output) = await Promtool.RunAsync("check", "rules", dir.File("alerts.yml"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("InstanceLoadHigh", output, StringComparison.Ordinal);
    }
}
