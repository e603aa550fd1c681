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
        [("shop", "v1", _ => { }), ("shop", "v2", _ => { }), ("shop", "v3", s => s.ErrorRate = 0.2), ("shop", "v1-baseline-0a1b2c", s => s.ErrorRate = 0.2)],
        TimeSpan.FromSeconds(11));

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

    [Fact]
    public async Task With_a_concurrent_baseline_the_gates_compare_the_canary_with_the_baseline_not_with_the_stable_release()
    {
        // The canary (v3) fails one request in five, as the fresh container of the stable image does (v1-baseline-…: whatever
        // fresh containers meet now); the long-running stable release (v1) fails 1 in 200. Only the comparison with the
        // baseline tells the canary is no worse than the stable image in the same conditions.
        const string vsBaseline = """
            defaults:
              interval: 1s
              count: 2
              window: 10s
              minSamples: 200
            gates:
              - name: error-rate-vs-baseline
                kind: errorRate
                metric: modelservice_requests_total
                max: 0.5
                vsBaseline:
                  allowedRelativeIncrease: 0.5
            """;
        using var prometheus = new PrometheusClient(new PrometheusOptions(_services!.Server.Url));
        var canary = new CanaryGates(Settings(), new VerificationSession(prometheus, traffic: null, Logger.None), GatesFile.Parse(vsBaseline, "gates.yaml"),
            new ReleaseEventBus([], Logger.None), Logger.None);
        var stable = TestRecords.Release("v1", ReleasePhase.Promoted) with { Service = "shop" };
        var step = new CanaryAnalysisContext(TestRecords.Release("v3", ReleasePhase.Deploying) with { Service = "shop" }, stable, 2, 10);

        var againstBaseline = await canary.AnalyseAsync(step with { BaselineVersion = "v1-baseline-0a1b2c", BaselinePort = 18503 }, default);
        var againstStable = await canary.AnalyseAsync(step, default);

        Assert.True(againstBaseline.Passed, againstBaseline.Reason);
        Assert.False(againstStable.Passed, againstStable.Reason);
        Assert.Contains("error-rate-vs-baseline", againstStable.Reason, StringComparison.Ordinal);
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
