using System.Globalization;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.Testing;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A HAProxy configured by its user, not by Shipgate (a TCP runtime socket, another backend name, leastconn): Shipgate
/// drives it through the socket it is given and changes only the servers it names.
/// </summary>
public sealed class UsersHaproxyTests
{
    [Fact]
    public async Task A_users_haproxy_is_driven_through_its_tcp_runtime_socket()
    {
        using var old = TestBackend.Start("old");
        using var fresh = TestBackend.Start("new");
        var frontendPort = FreePorts.Next();
        var apiPort = FreePorts.Next();
        var socket = string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{apiPort}");
        var directory = Path.Combine(Path.GetTempPath(), "shipgate-user-haproxy-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = string.Create(CultureInfo.InvariantCulture, $"""
            global
                stats socket ipv4@127.0.0.1:{apiPort} level admin
            defaults
                mode http
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            frontend web
                bind 127.0.0.1:{frontendPort}
                default_backend app
            backend app
                balance leastconn
                option httpchk GET /health
                server old 127.0.0.1:{old.Port} check inter 200ms

            """);
        var haproxy = await HaproxyProcess.StartAsync(configuration, RuntimeApiEndpoint.Parse(socket), directory);
        try
        {
            var router = new HaproxyRouter(RuntimeApiEndpoint.Parse(socket), new HaproxyHealthCheck(IntervalMilliseconds: 200));

            await router.EnsureBackendAsync("app", [fresh.AsServer(100)]);
            await RouterPolling.WaitUntilAsync(router, "app", s => s.Find("new")?.TakesTraffic == true, TimeSpan.FromSeconds(5));
            await router.SetWeightsAsync("app", new Dictionary<string, int> { ["old"] = 0 });

            using var http = new HttpClient();
            var answers = new List<string>();
            for (var i = 0; i < 20; i++)
                answers.Add(await http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{frontendPort}/")));
            var state = await router.ReadStateAsync("app");

            Assert.All(answers, a => Assert.Equal("new", a));
            Assert.Equal([("old", 0), ("new", 100)], state.Servers.Select(s => (s.Name, s.Weight)));
        }
        finally
        {
            await haproxy.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
