using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using Shipgate.Release.Environments;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Tests.Environments;

/// <summary>The release strategy and the router in the environments file (issue 12).</summary>
public sealed class StrategyTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void An_environment_names_its_router_and_strategy_and_without_them_a_release_replaces_the_container_directly()
    {
        var environments = EnvironmentsFile.Parse("""
            environments:
              local:
                local: true
              staging:
                local: true
                strategy: blueGreen
                router: { socket: /run/haproxy/admin.sock, backend: web }
              prod:
                local: true
                router: { socket: "tcp://127.0.0.1:9999" }
            """, "environments.yaml", NoVariables);

        Assert.Equal((null, null), (environments["local"].Strategy, environments["local"].RouterSocket));
        Assert.Equal((ReleaseStrategy.BlueGreen, "/run/haproxy/admin.sock", "web"),
            (environments["staging"].Strategy, environments["staging"].RouterSocket, environments["staging"].RouterBackend));
        Assert.Equal(("tcp://127.0.0.1:9999", (ReleaseStrategy?)null), (environments["prod"].RouterSocket, environments["prod"].Strategy));
    }

    [Theory]
    [InlineData("strategy: allAtOnce", "'strategy' needs 'router'")]
    [InlineData("strategy: rolling", "rolling")]
    [InlineData("router: { backend: web }", "socket")]
    public void A_strategy_without_a_router_or_an_unknown_one_is_refused_at_its_line(string entry, string message)
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse($"""
            environments:
              staging:
                local: true
                {entry}
            """, "environments.yaml", NoVariables));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_environment_may_ask_for_the_embedded_router_whose_socket_is_one_per_service_port()
    {
        var environment = EnvironmentsFile.Parse("""
            environments:
              local:
                local: true
                port: 8123
                strategy: blueGreen
                router: { embedded: true }
            """, "environments.yaml", NoVariables)["local"];

        Assert.True(environment.RouterEmbedded);
        Assert.Null(environment.RouterSocket);
        Assert.True(environment.HasRouter);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "shipgate-router-8123", "admin.sock"), ReleaseSettings.EmbeddedRouterSocket(8123));
    }

    [Theory]
    [InlineData("local: true", "router: { embedded: true, socket: /run/haproxy/admin.sock }", "environments.yaml:4:13: environment 'staging': 'router' is either 'embedded: true'")]
    [InlineData("engine: { endpoint: 'tcp://127.0.0.1:2376' }", "router: { embedded: true }", "environments.yaml:4:13: environment 'staging': 'embedded: true' needs 'local: true'")]
    public void The_embedded_router_is_refused_beside_a_socket_or_on_an_environment_that_is_not_local(string where, string router, string message)
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse($"""
            environments:
              staging:
                {where}
                {router}
            """, "environments.yaml", NoVariables));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allAtOnce", ReleaseStrategy.AllAtOnce)]
    [InlineData("BLUEGREEN", ReleaseStrategy.BlueGreen)]
    [InlineData("direct", ReleaseStrategy.Direct)]
    [InlineData("rolling", null)]
    public void Strategy_names_read_case_insensitively(string name, ReleaseStrategy? expected) =>
        Assert.Equal(expected, ReleaseStrategies.Parse(name));
}
