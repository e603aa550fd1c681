using Shipgate.Release.Decisions;

namespace Shipgate.Release.Tests.Decisions;

public sealed class ParameterRulesTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(65535, true)]
    [InlineData(0, false)]
    [InlineData(99999, false)]
    public void A_port_is_1_to_65535(int? port, bool valid) => Assert.Equal(valid, ParameterRules.Port(port) is null);

    [Theory]
    [InlineData(new[] { 0.0, 60.0 }, null)]
    [InlineData(new[] { 2000.0, 2000.0 }, null)]
    [InlineData(new[] { 5.0 }, "two rates, FROM and TO requests/s (got 1: 5)")]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, "two rates, FROM and TO requests/s (got 3: 1 2 3)")]
    [InlineData(new[] { 0.0, 0.0 }, "two rates within 0..2000 requests/s, not both 0 (got 0 0)")]
    [InlineData(new[] { -1.0, 10.0 }, "two rates within 0..2000 requests/s, not both 0 (got -1 10)")]
    [InlineData(new[] { 10.0, double.NaN }, "two rates within 0..2000 requests/s, not both 0 (got 10 NaN)")]
    public void A_load_rate_is_two_rates_within_the_generators_range(double[] rate, string? problem) =>
        Assert.Equal(problem, ParameterRules.LoadRate(rate));

    [Theory]
    [InlineData("unix:///var/run/docker.sock", true)]
    [InlineData("tcp://127.0.0.1:2376", true)]
    [InlineData("tcp://127.0.0.1", false)]
    [InlineData("http://127.0.0.1:2375", false)]
    [InlineData("unix:///", false)]
    public void A_docker_host_is_a_unix_socket_or_a_tcp_host_and_port(string endpoint, bool valid) =>
        Assert.Equal(valid, ParameterRules.DockerHost(new Uri(endpoint)) is null);

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("registry.example.com", true)]
    [InlineData("registry.example.com:443", true)]
    [InlineData("https://registry.example.com", false)]
    [InlineData("registry.example.com/team", false)]
    [InlineData("host:port", false)]
    public void A_registry_is_host_or_host_and_port_as_in_an_image_name(string registry, bool valid) =>
        Assert.Equal(valid, ParameterRules.Registry(registry) is null);

    [Theory]
    [InlineData("http://127.0.0.1:9090", true)]
    [InlineData("https://prometheus.example.com/prefix", true)]
    [InlineData("ftp://127.0.0.1:9090", false)]
    public void Prometheus_is_an_http_or_https_url(string url, bool valid) =>
        Assert.Equal(valid, ParameterRules.PrometheusUrl(new Uri(url)) is null);

    [Fact]
    public void Versions_durations_and_replicas_name_what_is_wrong()
    {
        Assert.Equal("a version, not an empty string", ParameterRules.Version(""));
        Assert.Contains("'a b' is not a version", ParameterRules.Version("a b"), StringComparison.Ordinal);
        Assert.Null(ParameterRules.Version(null));
        Assert.Equal("a duration within (0, 01:00:00], not 00:00:00", ParameterRules.LoadDuration(TimeSpan.Zero));
        Assert.Null(ParameterRules.LoadDuration(TimeSpan.FromMinutes(5)));
        Assert.Equal("1..100 replicas, not 0", ParameterRules.Replicas(0));
    }
}
