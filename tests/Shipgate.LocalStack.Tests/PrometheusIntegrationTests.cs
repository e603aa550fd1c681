using System.Globalization;
using Shipgate.LocalStack.Monitoring;

namespace Shipgate.LocalStack.Tests;

/// <summary>Generated configuration loaded by a real Prometheus scraping the real sample service.</summary>
public sealed class PrometheusIntegrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Prometheus_scrapes_each_version_with_its_labels_and_picks_up_a_new_version_on_reload()
    {
        await using var v1 = await SampleService.StartAsync();
        await using var v2 = await SampleService.StartAsync();
        using var dir = new TempDirectory();
        var spec = MonitoringSpec.Sample with { Targets = [new ScrapeTarget("modelservice", "1", "local", v1.Address)] };
        using var http = new HttpClient();
        var monitoring = new LocalMonitoring(dir.Path, new Uri("http://127.0.0.1:1/"), new PrometheusReloader(http));
        await monitoring.WriteAsync(spec);
        await using var prometheus = await RunningPrometheus.StartAsync(monitoring.PrometheusConfigPath);

        var first = await prometheus.WaitForSeriesAsync("modelservice_model_info", Patience);
        var labels = Assert.Single(first).GetProperty("metric");
        Assert.Equal("modelservice", labels.GetProperty("service").GetString());
        Assert.Equal("1", labels.GetProperty("version").GetString());
        Assert.Equal("local", labels.GetProperty("environment").GetString());

        var deployedAt = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
        var withV2 = spec with
        {
            Targets = [.. spec.Targets, new ScrapeTarget("modelservice", "2", "local", v2.Address)],
            ReleaseEvents = [new ReleaseEvent(ReleaseEventKind.Deploy, "modelservice", "local", "2", "release-2", deployedAt)],
        };
        await new LocalMonitoring(dir.Path, prometheus.Address, new PrometheusReloader(http)).ApplyAsync(withV2);

        var second = await prometheus.WaitForSeriesAsync("modelservice_model_info{version=\"2\"}", Patience);
        Assert.Equal(v2.Address, Assert.Single(second).GetProperty("metric").GetProperty("instance").GetString());
        var events = await prometheus.WaitForSeriesAsync("shipgate_release_event{event=\"deploy\", version=\"2\"}", Patience);
        var value = Assert.Single(events).GetProperty("value")[1].GetString();
        Assert.Equal(deployedAt.ToUnixTimeSeconds(), long.Parse(value!, CultureInfo.InvariantCulture));
        Assert.Equal("release-2", events[0].GetProperty("metric").GetProperty("release_id").GetString());
        // The alert rules are loaded too: Prometheus lists them.
        var rules = await prometheus.Client.GetStringAsync("api/v1/rules?type=alert");
        Assert.Contains(AlertRulesGenerator.InstanceLoadHigh, rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_without_the_lifecycle_flag_says_which_flag_is_missing()
    {
        using var dir = new TempDirectory();
        await MonitoringFiles.Render(MonitoringSpec.Sample).WriteAsync(dir.Path);
        await using var prometheus = await RunningPrometheus.StartAsync(dir.File("prometheus.yml"), enableLifecycle: false);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<PrometheusReloadException>(
            () => new PrometheusReloader(http).ReloadAsync(prometheus.Address));

        Assert.Contains("--web.enable-lifecycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_of_a_broken_file_fails_with_Prometheus_reason()
    {
        using var dir = new TempDirectory();
        await MonitoringFiles.Render(MonitoringSpec.Sample).WriteAsync(dir.Path);
        await using var prometheus = await RunningPrometheus.StartAsync(dir.File("prometheus.yml"));
        await File.WriteAllTextAsync(dir.File("alerts.yml"), "groups:\n- name: x\n  rules:\n  - alert: Broken\n    expr: up >\n");
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<PrometheusReloadException>(
            () => new PrometheusReloader(http).ReloadAsync(prometheus.Address));

        // Prometheus's answer names the configuration file; the rule file's line is in its log.
        Assert.Contains("could not load its configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains(dir.File("prometheus.yml"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reloader_refuses_a_non_loopback_Prometheus()
    {
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new PrometheusReloader(http).ReloadAsync(new Uri("http://10.0.0.5:9090/")));

        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
    }
}
