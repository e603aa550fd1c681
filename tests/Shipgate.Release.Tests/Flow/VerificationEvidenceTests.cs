using System.Globalization;
using System.Net;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Artifacts;
using Shipgate.Release.Components;
using Shipgate.Release.Decisions;
using Shipgate.Release.Environments;
using Shipgate.Release.Events;
using Shipgate.Release.Flow;
using Shipgate.Testing;
using Logger = Serilog.Core.Logger;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// What the engine saw while the gates measured is evidence, against the real engine and a real Prometheus: a release
/// whose process died and was restarted by the engine during its verification is rolled back, even though every gate
/// passed on its metrics (a crash loop or an engine restart used to be promoted); so are verification requests that got
/// no answer.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class VerificationEvidenceTests(ReleaseStack stack)
{
    private const string Gates = """
        defaults:
          interval: 1s
          count: 4
          window: 10s
          minSamples: 200
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.03
        """;

    /// <param name="withTheEngine">
    /// false: its process dies and the restart policy restarts it (counted in RestartCount); true: the engine stops and
    /// starts it again, as a daemon restart does (not counted in RestartCount: only its start time changes).
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_release_restarted_by_the_engine_during_its_verification_is_rolled_back_though_its_gates_passed(bool withTheEngine)
    {
        var service = withTheEngine ? "svc-engine-restart-evidence" : "svc-restart-evidence";
        await TestRepository.RemoveAsync(EngineConnection.Local, service);
        using var repository = new TestRepository(stack, service);
        Succeeds(repository.Build("Deploy", "--environment", "test", "--version", "v1", "--skip", "Verify"));
        Succeeds(repository.Build("Promote", "--environment", "test"));
        Succeeds(repository.Build("Push", "--environment", "test", "--version", "v2"));
        var v2 = ImageManifest.Read(ImageManifest.PathIn(Path.Combine(repository.Root, "artifacts")));
        // Healthy metrics for both versions (the tiny service exports none): the gates alone would promote v2.
        using var metrics = await ScrapedServices.StartAsync([(service, "v1", _ => { }), (service, "v2", _ => { })], TimeSpan.FromSeconds(11));
        using var prometheus = new PrometheusClient(new PrometheusOptions(metrics.Server.Url));
        var settings = Settings(repository);
        var platform = PlatformFactory.Create(settings, EngineConnection.Local, Logger.None);
        var runner = new ReleaseRunner(settings, platform, new ReleaseEventBus([], Logger.None), "tests", Logger.None);
        var deployed = await runner.DeployAsync(v2, force: false, verifyNext: true, CancellationToken.None);

        var verifying = runner.VerifyAsync(new VerificationSession(prometheus, traffic: null, Logger.None), GatesFile.Parse(Gates, "gates.yaml"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (withTheEngine)
            await StopAndStartAsync(deployed.Instances[0].Id);
        else
            await KillProcessOfAsync(deployed.Instances[0].Id);
        var decision = await verifying;

        Assert.Equal(ReleaseAction.Rollback, decision.Action);
        Assert.Contains("v2 restarted 1 time during its verification", decision.Reason, StringComparison.Ordinal);
        var status = await runner.StatusAsync(CancellationToken.None);
        Assert.Equal("v1", status.Current?.Version);
        Assert.Equal(ReleasePhase.RolledBack, status.History.Single(r => r.ReleaseId == deployed.ReleaseId).Phase);
    }

    [Fact]
    public async Task Verification_requests_that_get_no_answer_fail_a_release_whose_gates_passed()
    {
        const string service = "svc-unanswered-evidence";
        using var metrics = await ScrapedServices.StartAsync([(service, "v2", _ => { })], TimeSpan.FromSeconds(11));
        using var prometheus = new PrometheusClient(new PrometheusOptions(metrics.Server.Url));
        var port = FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        var answering = AnswerAsync(listener);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var traffic = new LoadTrafficDriver(http, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), new TrafficSettings { Features = ["x"] }, (20, 20));
        var gates = GatesFile.Parse(Gates, "gates.yaml");

        var verifying = new VerificationSession(prometheus, traffic, Logger.None).RunAsync(gates, ReleaseContext.Of(service, "v2", environment: "test", window: gates.Window), CancellationToken.None);
        // The service goes away for the rest of its verification: its requests are refused.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        listener.Stop();
        await answering;
        var outcome = await verifying;

        var failed = Assert.IsType<VerificationOutcome.HealthCheckFailed>(outcome);
        Assert.Contains("verification requests got no answer", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>200 to every request until the listener stops.</summary>
    private static async Task AnswerAsync(HttpListener listener)
    {
        try
        {
            while (true)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <summary>The container's own process dies (not a stop through the engine): its restart policy brings it back.</summary>
    private static async Task KillProcessOfAsync(string containerId)
    {
        using var client = EngineConnection.Local.CreateClient();
        var pid = (await client.Containers.InspectContainerAsync(containerId)).State.Pid;
        using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>What a restart of the engine does to a container: stopped, then started again.</summary>
    private static async Task StopAndStartAsync(string containerId)
    {
        using var client = EngineConnection.Local.CreateClient();
        await client.Containers.StopContainerAsync(containerId, new Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        await client.Containers.StartContainerAsync(containerId, new Docker.DotNet.Models.ContainerStartParameters());
    }

    private static void Succeeds((int ExitCode, string Output) build) => Assert.True(build.ExitCode == 0, build.Output);

    private static ReleaseSettings Settings(TestRepository repository) =>
        new(new ReleaseService(repository.Service, ImageSource.DockerfileIn("app")), new ReleaseEnvironment("test"))
        {
            Platform = PlatformKind.Docker,
            Replicas = 1,
            Port = repository.Port,
            Engine = ReleaseSettings.LocalEngine,
            Registry = repository.Stack.Registry,
            Prometheus = ReleaseSettings.EmbeddedPrometheus,
            GatesFile = "gates.yaml",
            TrafficRate = null,
        };
}
