using Shipgate.Samples.ModelService;

namespace ModelService.Tests;

public sealed class HealthProbeTests
{
    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/health")]
    [InlineData("http://0.0.0.0:8081;http://127.0.0.1:9", "http://127.0.0.1:8081/health")]
    [InlineData("http://127.0.0.1:18123/", "http://127.0.0.1:18123/health")]
    [InlineData(null, "http://127.0.0.1:8080/health")]
    public void The_probe_targets_the_first_listen_address_on_loopback(string? urls, string expected) =>
        Assert.Equal(expected, HealthProbe.FromListenAddress(urls));

    [Fact]
    public async Task The_probe_exits_0_for_a_healthy_service_and_1_for_none()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        Assert.Equal(0, await HealthProbe.RunAsync([HealthProbe.Argument, new Uri(service.Client.BaseAddress!, "/health").ToString()]));
        Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Argument, $"http://127.0.0.1:{RunningModelService.NextPort()}/health"]));
    }
}
