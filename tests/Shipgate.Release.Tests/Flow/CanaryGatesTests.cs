using Serilog.Core;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Components;
using Shipgate.Release.Environments;
using Shipgate.Release.Events;
using Shipgate.Release.Flow;
using Shipgate.Release.Tests.Decisions;
using Shipgate.Testing;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// A canary step's analysis (<see cref="CanaryGates"/>) against a real Prometheus scraping the stable version and two
/// canaries as they serve side by side: the gates file decides, through the release policy, and the sinks hear of
/// the step before and after.
/// </summary>
public sealed class CanaryGatesTests : IAsyncLifetime
{
    private const string Gates = """
        defaults:
          interval: 1s
          count: 2
          window: 10s
          minSamples: 200
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.03
        """;

    private ScrapedServices? _services;

    public async Task InitializeAsync() => _services = await ScrapedServices.StartAsync(
        [("shop", "v1", _ => { }), ("shop", "v2", _ => { }), ("shop", "v3", s => s.ErrorRate = 0.2)], TimeSpan.FromSeconds(11));

    public Task DisposeAsync()
    {
        _services?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_healthy_canary_passes_its_step_and_a_faulty_one_does_not_whatever_the_inconclusive_policy()
    {
        using var prometheus = new PrometheusClient(new PrometheusOptions(_services!.Server.Url));
        var heard = new HeardEvents();
        var settings = Settings() with { Policy = InconclusivePolicy.Pause };
        var canary = new CanaryGates(settings, new VerificationSession(prometheus, traffic: null, Logger.None), GatesFile.Parse(Gates, "gates.yaml"),
            new ReleaseEventBus([heard], Logger.None), Logger.None);
        var stable = TestRecords.Release("v1", ReleasePhase.Promoted) with { Service = "shop" };

        var healthy = await canary.AnalyseAsync(new CanaryAnalysisContext(TestRecords.Release("v2", ReleasePhase.Deploying) with { Service = "shop" }, stable, 2, 10), default);
        var faulty = await canary.AnalyseAsync(new CanaryAnalysisContext(TestRecords.Release("v3", ReleasePhase.Deploying) with { Service = "shop" }, stable, 2, 10), default);

        Assert.True(healthy.Passed, healthy.Reason);
        Assert.Equal("Pass", healthy.Verdict);
        Assert.False(faulty.Passed, faulty.Reason);
        Assert.Equal("Fail", faulty.Verdict);
        Assert.Contains("error-rate", faulty.Reason, StringComparison.Ordinal);
        Assert.Equal(["analysing v2 step 2", "analysed v2 Promote", "analysing v3 step 2", "analysed v3 Rollback"], heard.Lines);
    }

    private static ReleaseSettings Settings() =>
        new(new ReleaseService("shop", ImageSource.DockerfileIn("app")), new ReleaseEnvironment("test"))
        {
            Platform = PlatformKind.Docker,
            Replicas = 1,
            Port = 18500,
            Engine = ReleaseSettings.LocalEngine,
            Registry = ReleaseSettings.EmbeddedRegistry,
            Prometheus = ReleaseSettings.EmbeddedPrometheus,
            GatesFile = "gates.yaml",
            TrafficRate = null,
        };

    private sealed class HeardEvents : IReleaseSink
    {
        public List<string> Lines { get; } = [];

        public Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken)
        {
            switch (releaseEvent)
            {
                case ReleaseEvent.CanaryAnalysing e:
                    Lines.Add($"analysing {e.Step.Canary.Version} step {e.Step.Step}");
                    break;
                case ReleaseEvent.CanaryAnalysed e:
                    Lines.Add($"analysed {e.Version} {e.Decision.Action}");
                    break;
            }
            return Task.CompletedTask;
        }
    }
}
