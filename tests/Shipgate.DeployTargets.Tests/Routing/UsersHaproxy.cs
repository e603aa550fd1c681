using System.Globalization;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.Testing;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>The user's HAProxy: frontend `web`, backend `app` with one server, runtime API on a TCP port.</summary>
internal sealed class UsersHaproxy(HaproxyProcess process, string directory, int frontendPort, HaproxyRouter router) : IAsyncDisposable
{
    public HaproxyRouter Router { get; } = router;

    public Uri Frontend { get; } = new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{frontendPort}/"));

    public static async Task<UsersHaproxy> StartAsync(string balance, TestBackend server)
    {
        var frontendPort = FreePorts.Next();
        var apiPort = FreePorts.Next();
        var socket = RuntimeApiEndpoint.Parse(string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{apiPort}"));
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
                balance {balance}
                option httpchk GET /health
                server {server.Name} 127.0.0.1:{server.Port} check inter 200ms

            """);
        var process = await HaproxyProcess.StartAsync(configuration, socket, directory);
        return new UsersHaproxy(process, directory, frontendPort, new HaproxyRouter(socket, new HaproxyHealthCheck(IntervalMilliseconds: 200)));
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
