using Docker.DotNet.Models;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

/// <summary>Reading a service's ledger and platform straight from the engine, as Status does before it knows the platform.</summary>
[Collection(StackCollection.Name)]
public sealed class LedgerReadingTests(StackFixture stack)
{
    [Fact]
    public async Task The_platform_of_a_service_is_read_from_its_ledger_without_creating_anything_on_the_engine()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "platform", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "platform", 18035);
        await stack.ForgetServiceAsync("never-deployed", "test");
        var release = await new DockerTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal(DeployPlatform.Docker, release.Record.Platform);
        var before = await EngineObjectsAsync();

        Assert.Equal(DeployPlatform.Docker, await ReleaseLedger.ReadPlatformAsync(stack.Engine, "platform", "test"));
        Assert.Null(await ReleaseLedger.ReadPlatformAsync(stack.Engine, "never-deployed", "test"));
        Assert.Empty((await ReleaseLedger.ReadAsync(stack.Engine, "never-deployed", "test")).Releases);

        Assert.Equal(before, await EngineObjectsAsync());
        Assert.DoesNotContain(DeployLock.VolumeName("never-deployed", "test"), before);
    }

    /// <summary>The volumes and containers of the two services (the engine is shared with other tests, so only theirs).</summary>
    private async Task<IReadOnlyList<string>> EngineObjectsAsync()
    {
        using var client = stack.Engine.CreateClient();
        var names = new List<string>();
        foreach (var service in new[] { "platform", "never-deployed" })
        {
            var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"io.shipgate.service={service}"] = true } };
            names.AddRange(((await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? []).Select(v => v.Name));
            names.AddRange((await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter })).Select(c => c.ID));
        }
        return names.Order(StringComparer.Ordinal).ToList();
    }
}
