using Docker.DotNet.Models;
using Shipgate.DeployTargets.Engine;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// The release component end to end in this process, against the real engine, registry and Prometheus: whatever goes
/// wrong, either nothing is deployed or the release is decided, and the previous release serves.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class ReleaseFlowTests(ReleaseStack stack)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_malformed_gates_file_deploys_nothing_and_the_previous_release_keeps_serving()
    {
        using var repository = await ServingAsync("svc-malformed", "v1");
        repository.WriteGates("gates:\n  - name: errors\n    kind: errorRate\n    metrik: http_requests_total\n");

        var second = repository.Build("Deploy", "--environment", "test", "--version", "v2");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("gates.yaml:4:5: unknown key 'metrik'", second.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was deployed", second.Output, StringComparison.Ordinal);
        await AssertServesAsync(repository, "v1", "Promoted");
        Assert.DoesNotContain("v2", repository.Build("Status", "--environment", "test").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_Prometheus_rejects_deploys_nothing()
    {
        using var repository = new TestRepository(stack, "svc-badquery");
        repository.WriteGates("gates:\n  - name: p95\n    kind: threshold\n    query: 'histogram_quantile(0.95, rate(x_bucket[1m])'\n    max: 1\n");

        var deploy = repository.Build("Deploy", "--environment", "test", "--version", "v1");

        Assert.NotEqual(0, deploy.ExitCode);
        Assert.Contains("Nothing was deployed", deploy.Output, StringComparison.Ordinal);
        Assert.Contains("p95", deploy.Output, StringComparison.Ordinal);
        Assert.Matches(@"Current:\s+\(none\)", repository.Build("Status", "--environment", "test").Output);
    }

    [Theory]
    [InlineData("--load-rate 5000 5000", "a valid '--load-rate': two rates within 0..2000 requests/s")]
    [InlineData("--load-rate 5", "a valid '--load-rate': two rates, FROM and TO requests/s (got 1: 5)")]
    [InlineData("--service-port 99999", "a valid '--service-port': a TCP port, 1..65535, not 99999")]
    [InlineData("--version bad/version", "a valid '--version': 'bad/version' is not a version")]
    [InlineData("--docker-host http://127.0.0.1:2375", "a valid '--docker-host': unix:///path/to/docker.sock or tcp://host:port")]
    [InlineData("--environment nowhere", "environments.yaml: has no environment 'nowhere' (known: test, remote, routed, baselined, held)")]
    public void A_bad_parameter_ends_the_build_with_exit_2_naming_it_before_any_target_runs(string arguments, string expected)
    {
        using var repository = new TestRepository(stack, "svc-badparam");

        var given = arguments.Split(' ');
        var deploy = repository.Build([
            "Deploy", .. given,
            .. given[0] == "--environment" ? Array.Empty<string>() : ["--environment", "test"],
            .. given[0] == "--version" ? Array.Empty<string>() : ["--version", "v2"]]);

        Assert.Equal(2, deploy.ExitCode);
        Assert.Contains(expected, deploy.Output, StringComparison.Ordinal);
        // Nothing ran: no image was built, so nothing could be pushed or deployed.
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "artifacts", "image")), deploy.Output);
        Assert.DoesNotContain("═══ Image", deploy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_run_from_the_same_checkout_meets_the_lock_before_it_builds_anything()
    {
        using var repository = new TestRepository(stack, "svc-checkout-lock");
        var lockFile = Path.Combine(repository.Root, ".nuke", "temp", "release.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        File.WriteAllText(lockFile + ".owner", "pid 4242, Deploy, since 2026-12-02 01:00:00Z");
        // Another run of this checkout, as a real process holding the same flock(2) lock .NET takes.
        using var other = System.Diagnostics.Process.Start("flock", ["--exclusive", "--no-fork", lockFile, "sleep", "60"]);
        try
        {
            Thread.Sleep(500);
            var second = repository.Build("Image", "--environment", "test", "--version", "v1");

            Assert.NotEqual(0, second.ExitCode);
            Assert.Contains("Another release run from this checkout is in progress (pid 4242, Deploy, since 2026-12-02 01:00:00Z)", second.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(repository.Root, "artifacts", "image", "image.json")), second.Output);
        }
        finally
        {
            other.Kill();
            other.WaitForExit();
        }

        // The holder is gone (killed, like a SIGKILLed run): the lock is free at once.
        var third = repository.Build("Image", "--environment", "test", "--version", "v1");
        Assert.True(third.ExitCode == 0, third.Output);
    }

    [Fact]
    public async Task Status_of_a_swarm_release_finds_its_platform_in_the_ledger_and_starts_no_container()
    {
        await ReleaseStack.ScriptAsync("docker.sh", "swarm");
        using var repository = new TestRepository(stack, "svc-swarm-status");
        try
        {
            var deploy = repository.Build("Deploy", "--environment", "test", "--version", "v1", "--platform", "Swarm", "--skip", "Verify");
            Assert.True(deploy.ExitCode == 0, deploy.Output);
            var containersBefore = (await ContainersAsync(EngineConnection.Local, "svc-swarm-status")).Select(c => c.ID).ToHashSet();

            // Neither --platform nor the environments file says Swarm: before, Status took it for Docker and started a container.
            var status = repository.Build("Status", "--environment", "test");

            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("(Swarm on", status.Output, StringComparison.Ordinal);
            Assert.Matches(@"Current:\s+v1 \[Healthy\]", status.Output);
            Assert.Equal(containersBefore, (await ContainersAsync(EngineConnection.Local, "svc-swarm-status")).Select(c => c.ID).ToHashSet());
        }
        finally
        {
            using var client = EngineConnection.Local.CreateClient();
            foreach (var service in await client.Swarm.ListServicesAsync(new ServicesListParameters()))
                if (service.Spec.Name.StartsWith("svc-swarm-status", StringComparison.Ordinal))
                    await client.Swarm.RemoveServiceAsync(service.ID);
        }
    }

    [Fact]
    public async Task A_failing_report_writer_never_changes_the_decision()
    {
        using var repository = await ServingAsync("svc-reports", "v1");
        // The reports directory cannot be created: every report write fails.
        Directory.CreateDirectory(Path.Combine(repository.Root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "artifacts", "reports"), "a file where the reports directory goes");

        var deploy = repository.Build("Deploy", "--environment", "test", "--version", "v2");

        // The tiny service exports no metrics: no data never passes, so v2 is rolled back whatever the reports do.
        Assert.NotEqual(0, deploy.ExitCode);
        Assert.Contains("ReportSink could not report Decided", deploy.Output, StringComparison.Ordinal);
        await AssertServesAsync(repository, "v1", "Promoted");
        Assert.Matches(@"v2 \[RolledBack\]", repository.Build("Status", "--environment", "test").Output);
    }

    [Fact]
    public async Task An_inconclusive_release_under_Pause_is_recorded_as_Paused_until_a_person_promotes_it()
    {
        using var repository = await ServingAsync("svc-paused", "v1");

        var deploy = repository.Build("Deploy", "--environment", "test", "--version", "v2", "--inconclusive-policy", "Pause");

        Assert.NotEqual(0, deploy.ExitCode);
        await AssertServesAsync(repository, "v2", "Paused");
        var promote = repository.Build("Promote", "--environment", "test");
        Assert.True(promote.ExitCode == 0, promote.Output);
        await AssertServesAsync(repository, "v2", "Promoted");
    }

    [Fact]
    public void Without_a_version_the_release_is_versioned_from_git()
    {
        using var repository = new TestRepository(stack, "svc-gitversion");

        var deploy = repository.Build("Deploy", "--environment", "test", "--skip", "Verify");

        Assert.True(deploy.ExitCode == 0, deploy.Output);
        Assert.Matches(@"Current:\s+[0-9a-f]{7,}(-dirty)? \[Healthy\]", repository.Build("Status", "--environment", "test").Output);
    }

    [Fact]
    public async Task A_release_to_the_TLS_remote_engine_lands_there_and_nowhere_else()
    {
        using var repository = new TestRepository(stack, "svc-remote");

        var deploy = repository.Build("Deploy", "--environment", "remote", "--version", "r1", "--skip", "Verify");

        Assert.True(deploy.ExitCode == 0, deploy.Output);
        Assert.Single(await ContainersAsync(EngineConnection.WithTls(stack.Remote.Endpoint,
            new EngineTls(stack.Remote.CaCertificateFile, stack.Remote.ClientCertificateFile, stack.Remote.ClientKeyFile)), "svc-remote"));
        Assert.Empty(await ContainersAsync(EngineConnection.Local, "svc-remote"));
        Assert.Matches(@"Current:\s+r1 \[Healthy\]", repository.Build("Status", "--environment", "remote").Output);
        Assert.Matches(@"Current:\s+\(none\)", repository.Build("Status", "--environment", "test").Output);
        await TestRepository.RemoveAsync(EngineConnection.WithTls(stack.Remote.Endpoint,
            new EngineTls(stack.Remote.CaCertificateFile, stack.Remote.ClientCertificateFile, stack.Remote.ClientKeyFile)), "svc-remote");
    }

    /// <summary>A repository whose first release is deployed and promoted by hand (the tiny service has no metrics to pass gates).</summary>
    private async Task<TestRepository> ServingAsync(string service, string version)
    {
        await TestRepository.RemoveAsync(EngineConnection.Local, service);
        var repository = new TestRepository(stack, service);
        var deploy = repository.Build("Deploy", "--environment", "test", "--version", version, "--skip", "Verify");
        Assert.True(deploy.ExitCode == 0, deploy.Output);
        var promote = repository.Build("Promote", "--environment", "test");
        Assert.True(promote.ExitCode == 0, promote.Output);
        return repository;
    }

    private static async Task AssertServesAsync(TestRepository repository, string version, string phase)
    {
        var status = repository.Build("Status", "--environment", "test");
        Assert.Matches($@"Current:\s+{version} \[{phase}\]", status.Output);
        using var health = await Http.GetAsync(new Uri($"http://127.0.0.1:{repository.Port}/health"));
        Assert.True(health.IsSuccessStatusCode, status.Output);
    }

    internal static async Task<IList<ContainerListResponse>> ContainersAsync(EngineConnection engine, string service)
    {
        using var client = engine.CreateClient();
        return await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"io.shipgate.service={service}"] = true } },
        });
    }
}
