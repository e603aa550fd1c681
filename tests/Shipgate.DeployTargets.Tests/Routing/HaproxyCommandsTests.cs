using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;

namespace Shipgate.DeployTargets.Tests.Routing;

public sealed class HaproxyCommandsTests
{
    private static readonly HaproxyHealthCheck Check = new("/health", 500, 2, 1);

    [Fact]
    public void Commands_are_the_runtime_apis_own()
    {
        Assert.Equal("set server svc/green weight 26", HaproxyCommands.SetWeight("svc", "green", 26));
        Assert.Equal("set server svc/green state drain", HaproxyCommands.SetState("svc", "green", HaproxyServerStateCommand.Drain));
        Assert.Equal("set server svc/green state maint", HaproxyCommands.SetState("svc", "green", HaproxyServerStateCommand.Maint));
        Assert.Equal(
            "add server svc/green 127.0.0.1:8081 weight 10 check inter 500ms fall 2 rise 1",
            HaproxyCommands.AddServer("svc", new RoutedServer("green", "127.0.0.1", 8081, 10), Check));
        Assert.Equal("del server svc/green", HaproxyCommands.DeleteServer("svc", "green"));
        Assert.Equal("show servers state svc", HaproxyCommands.ShowServersState("svc"));
        Assert.Equal("show stat svc 4 -1", HaproxyCommands.ShowServerStats("svc"));
        Assert.Equal("set server svc/a weight 0; set server svc/b weight 256",
            HaproxyCommands.Batch([HaproxyCommands.SetWeight("svc", "a", 0), HaproxyCommands.SetWeight("svc", "b", 256)]));
    }

    [Theory]
    [InlineData("green; shutdown sessions server svc/blue")]
    [InlineData("green\nset server svc/blue state maint")]
    [InlineData("green weight 0")]
    [InlineData("")]
    public void A_name_that_could_add_a_command_is_refused(string server)
    {
        var e = Assert.Throws<TrafficRouterException>(() => HaproxyCommands.SetWeight("svc", server, 1));
        Assert.Equal(RouterErrorKind.InvalidArgument, e.Kind);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(257)]
    public void A_weight_outside_haproxys_range_is_refused(int weight) =>
        Assert.Equal(RouterErrorKind.InvalidArgument, Assert.Throws<TrafficRouterException>(() => HaproxyCommands.SetWeight("svc", "a", weight)).Kind);

    [Fact]
    public void A_server_address_with_spaces_is_refused() =>
        Assert.Throws<TrafficRouterException>(() => HaproxyCommands.AddServer("svc", new RoutedServer("a", "127.0.0.1 backup", 80, 1), Check));

    [Theory]
    [InlineData("/run/haproxy/admin.sock", "/run/haproxy/admin.sock")]
    [InlineData("unix:/run/haproxy/admin.sock", "/run/haproxy/admin.sock")]
    [InlineData("tcp://127.0.0.1:9999", "127.0.0.1:9999")]
    [InlineData("127.0.0.1:9999", "127.0.0.1:9999")]
    public void A_users_runtime_socket_is_a_path_or_an_address(string value, string display) =>
        Assert.Equal(display, RuntimeApiEndpoint.Parse(value).Display);

    [Fact]
    public void A_runtime_socket_that_is_neither_is_refused() =>
        Assert.Equal(RouterErrorKind.InvalidArgument, Assert.Throws<TrafficRouterException>(() => RuntimeApiEndpoint.Parse("haproxy.local")).Kind);
}
