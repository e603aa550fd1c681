using System.Text.Json;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Release.Components;
using Shipgate.Release.Environments;
using Shipgate.Release.Events;
using Shipgate.Release.Flow;
using Shipgate.Release.Tests.Decisions;
using Shipgate.Testing;
using Logger = Serilog.Core.Logger;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// The local monitoring during a canary's analysis with a concurrent baseline, against a real Prometheus: canary, stable
/// release and baseline are each scraped on their own port under their own version label, so the baseline's series are
/// never summed with the stable release's.
/// </summary>
public sealed class BaselineMonitoringTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task During_an_analysis_the_baseline_is_scraped_on_its_port_under_its_own_version_label()
    {
        using var prometheus = PrometheusServer.Start("  - job_name: none\n    static_configs: []\n");
        var settings = new ReleaseSettings(new ReleaseService("shop", ImageSource.DockerfileIn("app")), new ReleaseEnvironment("test"))
        {
            Platform = PlatformKind.Docker,
            Replicas = 1,
            Port = 18560,
            Engine = ReleaseSettings.LocalEngine,
            Registry = ReleaseSettings.EmbeddedRegistry,
            Prometheus = prometheus.Url,
            GatesFile = "gates.yaml",
            TrafficRate = null,
        };
        var sink = new LocalMonitoringSink(new LocalMonitoring(prometheus.Directory, prometheus.Url, new PrometheusReloader(Http)), settings,
            PlatformFactory.Create(settings, EngineConnection.Local, Logger.None));
        var step = new CanaryAnalysisContext(TestRecords.Release("v2", ReleasePhase.Deploying) with { Service = "shop" },
            TestRecords.Release("v1", ReleasePhase.Promoted) with { Service = "shop" }, 2, 10)
        {
            CanaryPort = 18562,
            StablePort = 18561,
            BaselineVersion = "v1-baseline-0a1b2c",
            BaselinePort = 18563,
        };

        await sink.OnAsync(new Events.ReleaseEvent.CanaryAnalysing("shop", "test", DateTimeOffset.UtcNow, step), CancellationToken.None);

        Assert.Equal(["127.0.0.1:18561 v1", "127.0.0.1:18562 v2", "127.0.0.1:18563 v1-baseline-0a1b2c"], await TargetsAsync(prometheus));
    }

    /// <summary>Prometheus's active targets, "address version", once it has loaded three (a reload is asynchronous).</summary>
    private static async Task<List<string>> TargetsAsync(PrometheusServer prometheus)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        List<string> targets;
        do
        {
            using var json = JsonDocument.Parse(await Http.GetStringAsync(new Uri(prometheus.Url, "api/v1/targets?state=active")));
            targets = json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Select(t => $"{t.GetProperty("labels").GetProperty("instance").GetString()} {t.GetProperty("labels").GetProperty("version").GetString()}")
                .Order(StringComparer.Ordinal).ToList();
            if (targets.Count >= 3) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return targets;
    }
}
