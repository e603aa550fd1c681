using System.Text.Json;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Yaml;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Release.Artifacts;
using Shipgate.Release.Components;
using Shipgate.Release.Environments;
using Shipgate.Release.Events;
using Shipgate.Release.Flow;
using Shipgate.Testing;
using Logger = Serilog.Core.Logger;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// The local monitoring after a recovery, against the real engine and a real Prometheus: a deploy interrupted mid-switch
/// left it scraping nothing; the Status that recovers the previous release points it back at that release, with its
/// version label.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class RecoveredMonitoringTests(ReleaseStack stack)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_status_that_recovers_an_interrupted_deploy_points_the_local_Prometheus_at_the_release_serving_again()
    {
        const string service = "svc-recovered-monitoring";
        using var interrupted = await InterruptedDeployAsync(service, verifyNext: false);
        var (repository, prometheus, runner) = (interrupted.Repository, interrupted.Prometheus, interrupted.Runner);

        var status = await runner.StatusAsync(CancellationToken.None);

        Assert.NotEmpty(status.Recovered);
        Assert.Equal("v1", status.Current?.Version);
        var scraped = await UpAsync(prometheus, service, TimeSpan.FromSeconds(30));
        var series = Assert.Single(scraped.EnumerateArray());
        Assert.Equal("v1", series.GetProperty("metric").GetProperty("version").GetString());
        Assert.Equal($"127.0.0.1:{repository.Port}", series.GetProperty("metric").GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_separate_verify_whose_lease_recovers_an_interrupted_deploy_points_the_local_Prometheus_at_the_release_serving_again()
    {
        const string service = "svc-recovered-verify";
        using var interrupted = await InterruptedDeployAsync(service, verifyNext: true);
        var (repository, prometheus, platform, runner) = (interrupted.Repository, interrupted.Prometheus, interrupted.Platform, interrupted.Runner);

        // `./build.sh Verify` on its own: the release lease is taken first, and taking it recovers v1; v1 was already
        // verified, so nothing waits for verification, but the monitoring must follow what serves again.
        using var metrics = new PrometheusClient(new PrometheusOptions(prometheus.Url));
        await using (await platform.AcquireReleaseLeaseAsync("Verify by tests"))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.VerifyAsync(
                new VerificationSession(metrics, traffic: null, Logger.None), GatesFile.Load(Path.Combine(repository.Root, "gates.yaml")), CancellationToken.None));
            Assert.Contains("waits for verification", refused.Message, StringComparison.Ordinal);
        }

        var scraped = await UpAsync(prometheus, service, TimeSpan.FromSeconds(30));
        var series = Assert.Single(scraped.EnumerateArray());
        Assert.Equal("v1", series.GetProperty("metric").GetProperty("version").GetString());
    }

    /// <summary>What an interrupted deploy left, and the parts to look at it with.</summary>
    private sealed record Interrupted(TestRepository Repository, PrometheusServer Prometheus, DockerTarget Platform, ReleaseRunner Runner) : IDisposable
    {
        public void Dispose()
        {
            Prometheus.Dispose();
            Repository.Dispose();
        }
    }

    /// <summary>
    /// v1 deployed and promoted, then a deploy of v2 stopped mid-switch, leaving what a kill leaves (v2 Deploying in the
    /// ledger, v1 stopped); its Deploying event pointed the local Prometheus (a fresh one, scraping nothing) at nothing.
    /// </summary>
    private async Task<Interrupted> InterruptedDeployAsync(string service, bool verifyNext)
    {
        await TestRepository.RemoveAsync(EngineConnection.Local, service);
        var repository = new TestRepository(stack, service);
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "app", "www", "metrics"), "shipgate_test_up 1\n");
        Succeeds(repository.Build("Deploy", "--environment", "test", "--version", "v1", "--skip", "Verify"));
        Succeeds(repository.Build("Promote", "--environment", "test"));
        Succeeds(repository.Build("Push", "--environment", "test", "--version", "v2"));
        var v2 = ImageManifest.Read(ImageManifest.PathIn(Path.Combine(repository.Root, "artifacts")));

        var prometheus = PrometheusServer.Start("  - job_name: none\n    static_configs: []\n");
        var settings = Settings(repository, prometheus.Url);
        var platform = (DockerTarget)PlatformFactory.Create(settings, EngineConnection.Local, Logger.None);
        var monitoring = new LocalMonitoringSink(new LocalMonitoring(prometheus.Directory, prometheus.Url, new PrometheusReloader(Http)), settings, platform);
        var runner = new ReleaseRunner(settings, platform, new ReleaseEventBus([monitoring], Logger.None), "tests", Logger.None);
        using var interrupt = new CancellationTokenSource();
        platform.PhaseReached += phase =>
        {
            if (phase == "previous-stopped") interrupt.Cancel();
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.DeployAsync(v2, force: false, verifyNext, interrupt.Token));
        Assert.Equal(0, (await TargetsAsync(prometheus)).GetArrayLength());
        return new Interrupted(repository, prometheus, platform, runner);
    }

    private static void Succeeds((int ExitCode, string Output) build) => Assert.True(build.ExitCode == 0, build.Output);

    /// <summary>The settings the build resolves for the repository's test environment, with the given Prometheus as the local one.</summary>
    private static ReleaseSettings Settings(TestRepository repository, Uri prometheus) =>
        new(new ReleaseService(repository.Service, ImageSource.DockerfileIn("app")), new ReleaseEnvironment("test"))
        {
            Platform = PlatformKind.Docker,
            Replicas = 1,
            Port = repository.Port,
            Engine = ReleaseSettings.LocalEngine,
            Registry = repository.Stack.Registry,
            Prometheus = prometheus,
            GatesFile = "gates.yaml",
            TrafficRate = null,
        };

    private static async Task<JsonElement> TargetsAsync(PrometheusServer prometheus)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync(new Uri(prometheus.Url, "api/v1/targets?state=active")));
        return json.RootElement.GetProperty("data").GetProperty("activeTargets").Clone();
    }

    /// <summary>The service's <c>up</c> series once every one of them is 1 (scraped successfully), or fails with the last answer.</summary>
    private static async Task<JsonElement> UpAsync(PrometheusServer prometheus, string service, TimeSpan timeout)
    {
        var query = Uri.EscapeDataString($"up{{service=\"{service}\"}}");
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await Http.GetStringAsync(new Uri(prometheus.Url, $"api/v1/query?query={query}"));
            using var json = JsonDocument.Parse(last);
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() > 0 && result.EnumerateArray().All(r => r.GetProperty("value")[1].GetString() == "1"))
                return result.Clone();
            await Task.Delay(250);
        }
        throw new TimeoutException($"the local Prometheus does not scrape {service} within {timeout}; last answer: {last}; targets: {await TargetsAsync(prometheus)}");
    }
}
