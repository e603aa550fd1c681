using Shipgate.DeployTargets.Routing;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A HAProxy configured by its user, not by Shipgate (a TCP runtime socket, another backend name, its own balance
/// algorithm): Shipgate drives it through the socket it is given and changes only the servers it names.
/// </summary>
public sealed class UsersHaproxyTests
{
    [Fact]
    public async Task A_users_haproxy_is_driven_through_its_tcp_runtime_socket()
    {
        using var old = TestBackend.Start("old");
        using var fresh = TestBackend.Start("new");
        await using var users = await UsersHaproxy.StartAsync("leastconn", old);
        var router = users.Router;

        await router.EnsureBackendAsync("app", [fresh.AsServer(100)]);
        await RouterPolling.WaitUntilAsync(router, "app", s => s.Find("new")?.TakesTraffic == true, TimeSpan.FromSeconds(5));
        await router.SetWeightsAsync("app", new Dictionary<string, int> { ["old"] = 0 });

        using var http = new HttpClient();
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
            answers.Add(await http.GetStringAsync(users.Frontend));
        var state = await router.ReadStateAsync("app");

        Assert.All(answers, a => Assert.Equal("new", a));
        Assert.Equal([("old", 0), ("new", 100)], state.Servers.Select(s => (s.Name, s.Weight)));
    }

    [Fact]
    public async Task A_backend_that_cannot_take_servers_at_runtime_is_refused_with_haproxys_reason()
    {
        using var old = TestBackend.Start("old");
        using var fresh = TestBackend.Start("new");
        await using var users = await UsersHaproxy.StartAsync("static-rr", old);

        var e = await Assert.ThrowsAsync<TrafficRouterException>(() => users.Router.EnsureBackendAsync("app", [fresh.AsServer(100)]));

        Assert.Equal(RouterErrorKind.CommandRefused, e.Kind);
        Assert.Contains("dynamic", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["old"], (await users.Router.ReadStateAsync("app")).Servers.Select(s => s.Name));
    }
}
