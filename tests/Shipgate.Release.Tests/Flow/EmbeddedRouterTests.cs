using Shipgate.Release.Flow;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// <c>router: { embedded: true }</c> on a local environment, against the real engine and a real HAProxy: Up starts
/// Shipgate's own router on the service's port, the releases join it behind, and the next release keeps it.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class EmbeddedRouterTests(ReleaseStack stack)
{
    [Fact]
    public async Task Up_starts_the_embedded_router_on_the_service_port_and_releases_change_behind_it()
    {
        using var repository = new TestRepository(stack, "svc-embedded-router");
        var pidFile = Path.Combine(repository.Root, ".nuke", "temp", "stack", "router", "haproxy.pid");
        try
        {
            var first = await DeployAsync(repository, "v1");
            var router = await File.ReadAllTextAsync(pidFile);
            Assert.Equal("v1", await repository.GetAsync("version"));
            Assert.True(File.Exists(ReleaseSettings.EmbeddedRouterSocket(repository.Port)), first);
            Assert.Contains("v1 [Healthy]", repository.Build("Status", "--environment", "routed").Output, StringComparison.Ordinal);

            await DeployAsync(repository, "v2");

            // The same router (its runtime-added servers kept), now sending the service's port to v2 on a port of its own.
            Assert.Equal(router, await File.ReadAllTextAsync(pidFile));
            Assert.Equal("v2", await repository.GetAsync("version"));
            Assert.Matches(@"Current: +v2 \[Healthy\] .*, allAtOnce \(", repository.Build("Status", "--environment", "routed").Output);
        }
        finally
        {
            await ReleaseStack.ScriptAsync("haproxy.sh", "stop", pidFile);
        }
    }

    private static async Task<string> DeployAsync(TestRepository repository, string version)
    {
        var deploy = await repository.DeployVersionAsync("routed", version);
        Assert.True(deploy.ExitCode == 0, deploy.Output);
        return deploy.Output;
    }
}
