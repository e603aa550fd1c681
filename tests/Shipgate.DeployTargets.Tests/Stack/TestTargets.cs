using Shipgate.DeployTargets.DockerHost;

namespace Shipgate.DeployTargets.Tests.Stack;

/// <summary>Docker target options for a test service on its own port, cleaned before use.</summary>
public static class TestTargets
{
    public static async Task<DockerTargetOptions> FreshDockerAsync(StackFixture stack, string service, int port)
    {
        await stack.ForgetServiceAsync(service, "test");
        return new DockerTargetOptions(service, "test", port)
        {
            HealthUrl = new Uri($"http://127.0.0.1:{port}/health"),
            HealthTimeout = TimeSpan.FromSeconds(5),
            StopTimeout = TimeSpan.FromSeconds(2),
        };
    }
}
