using System.Net;
using System.Net.Sockets;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

[Collection(StackCollection.Name)]
public sealed class DockerTargetTests(StackFixture stack)
{
    private async Task<(PushedImage V1, PushedImage V2)> TwoVersionsAsync(string name) =>
        (await TestImages.BuildAndPushAsync(stack, name, "1.0.0"), await TestImages.BuildAndPushAsync(stack, name, "2.0.0"));

    [Fact]
    public async Task A_rollback_serves_the_previous_release_and_refuses_the_rolled_back_version_unless_forced()
    {
        var (v1, v2) = await TwoVersionsAsync("rollback");
        var options = await TestTargets.FreshDockerAsync(stack, "rollback", 18010);
        var target = new DockerTarget(options);

        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "alice"));
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "alice"));
        Assert.Equal("2.0.0", await TestImages.GetAsync(18010, "version"));
        Assert.Equal(first.ReleaseId, second.Record.PreviousReleaseId);

        var status = await target.StatusAsync();
        Assert.Equal(second.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(first.ReleaseId, status.Previous?.ReleaseId);
        Assert.Equal([second.ReleaseId, first.ReleaseId], status.History.Select(r => r.ReleaseId));

        var back = await target.RollbackAsync("error rate gate failed");
        Assert.Equal(first.ReleaseId, back.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18010, "version"));
        var after = await target.StatusAsync();
        var rolledBack = after.History.Single(r => r.ReleaseId == second.ReleaseId);
        Assert.Equal(ReleasePhase.RolledBack, rolledBack.Phase);
        Assert.Equal("error rate gate failed", rolledBack.Reason);
        Assert.Single(after.Current!.Instances);

        var refused = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "alice")));
        Assert.Equal(DeployErrorKind.VersionRolledBack, refused.Kind);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18010, "version"));

        var forced = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "alice") { Force = true });
        Assert.Equal("2.0.0", await TestImages.GetAsync(18010, "version"));
        var promoted = await target.PromoteAsync(new PromoteRequest("release-manager", "Pass"));
        Assert.Equal(forced.ReleaseId, promoted.ReleaseId);
        Assert.Equal(ReleasePhase.Promoted, promoted.Phase);
        Assert.Equal("release-manager", promoted.Record.ApprovedBy);
        Assert.Equal("Pass", promoted.Record.Verdict);
    }

    [Fact]
    public async Task An_unhealthy_release_is_rolled_back_automatically_with_its_logs()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "unhealthy", "1.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "unhealthy", "1.1.0", TestServiceKind.Unhealthy);
        var options = await TestTargets.FreshDockerAsync(stack, "unhealthy", 18011) with { HealthTimeout = TimeSpan.FromSeconds(3) };
        var target = new DockerTarget(options);
        var good = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "bob"));

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(bad.Reference, "1.1.0", "c2", "bob")));

        Assert.Equal(DeployErrorKind.Unhealthy, error.Kind);
        Assert.Contains("not healthy within 3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18011, "version"));
        var status = await target.StatusAsync();
        Assert.Equal(good.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(ReleasePhase.RolledBack, status.History[0].Phase);
        Assert.Equal("1.1.0", status.History[0].Version);
    }

    [Fact]
    public async Task A_crash_looping_release_is_rolled_back_with_its_last_log_lines()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "crashloop", "1.0.0");
        var crashing = await TestImages.BuildAndPushAsync(stack, "crashloop", "1.2.0", TestServiceKind.Crashing);
        var options = await TestTargets.FreshDockerAsync(stack, "crashloop", 18012);
        var target = new DockerTarget(options);
        await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "bob"));

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(crashing.Reference, "1.2.0", "c3", "bob")));

        Assert.Equal(DeployErrorKind.Unhealthy, error.Kind);
        Assert.Matches("crash loop|exited with code 3", error.Message);
        Assert.Contains("crashing on purpose", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18012, "version"));
        var status = await target.StatusAsync();
        Assert.Single(status.Current!.Instances);
        // The crashed container is removed, the previous one serves: nothing unaccounted for.
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("crashloop"));
    }

    [Fact]
    public async Task Without_a_health_url_the_deploy_waits_for_the_image_healthcheck()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "healthcheck", "1.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "healthcheck", "1.1.0", TestServiceKind.Unhealthy);
        var options = await TestTargets.FreshDockerAsync(stack, "healthcheck", 18016) with { HealthUrl = null, HealthTimeout = TimeSpan.FromSeconds(20) };
        var target = new DockerTarget(options);

        var release = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "bob"));
        using var client = stack.Engine.CreateClient();
        Assert.Equal("healthy", (await client.Containers.InspectContainerAsync(release.Instances[0].Id)).State.Health.Status);

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(bad.Reference, "1.1.0", "c2", "bob")));
        Assert.Contains("HEALTHCHECK reports unhealthy", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18016, "version"));
    }

    [Fact]
    public async Task A_port_in_use_is_reported_and_nothing_is_left_running()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "portbusy", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "portbusy", 18013);
        var target = new DockerTarget(options);
        using var squatter = new TcpListener(IPAddress.Loopback, 18013);
        squatter.Start();

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "bob")));

        Assert.Equal(DeployErrorKind.PortInUse, error.Kind);
        Assert.Contains("18013", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await new ContainerCount(stack).OfAsync("portbusy"));
        Assert.Equal(ReleasePhase.Failed, Assert.Single((await target.StatusAsync()).History).Phase);
    }

    [Theory]
    [InlineData(0.0, null, "Cpus")]
    [InlineData(1000.0, null, "Cpus")]
    [InlineData(null, 1024L, "MemoryBytes")]
    public async Task Bad_resource_values_are_refused_before_anything_is_deployed(double? cpus, long? memory, string named)
    {
        var options = await TestTargets.FreshDockerAsync(stack, "badres", 18014) with { Resources = new ResourceLimits(cpus, memory) };
        var error = await Assert.ThrowsAsync<DeployTargetException>(() =>
            new DockerTarget(options).DeployAsync(new DeployRequest($"127.0.0.1:15000/x@sha256:{new string('c', 64)}", "1.0.0", "c", "bob")));
        Assert.Equal(DeployErrorKind.InvalidOptions, error.Kind);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await new ContainerCount(stack).OfAsync("badres"));
    }

    [Fact]
    public async Task Resource_limits_are_applied_to_the_container()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "limits", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "limits", 18015) with { Resources = new ResourceLimits(0.5, 64L * 1024 * 1024) };
        var release = await new DockerTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "bob"));
        using var client = stack.Engine.CreateClient();
        var inspect = await client.Containers.InspectContainerAsync(release.Instances[0].Id);
        Assert.Equal(500_000_000, inspect.HostConfig.NanoCPUs);
        Assert.Equal(64L * 1024 * 1024, inspect.HostConfig.Memory);
    }
}

/// <summary>Counts a test service's containers straight from the engine.</summary>
internal sealed class ContainerCount(StackFixture stack)
{
    public async Task<int> OfAsync(string service)
    {
        using var client = stack.Engine.CreateClient();
        var list = await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"io.shipgate.service={service}"] = true } },
        });
        return list.Count;
    }
}
