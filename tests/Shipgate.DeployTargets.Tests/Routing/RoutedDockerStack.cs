using System.Globalization;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A real HAProxy (Shipgate's generated configuration) whose frontend is a Docker (or Swarm, <see cref="Swarm"/>) test
/// service's port and whose backend, named after the service, starts empty: the releases add themselves. Disposing
/// stops HAProxy.
/// </summary>
internal sealed class RoutedDockerStack : IAsyncDisposable
{
    private RoutedDockerStack(string directory, HaproxyProcess haproxy, DockerTargetOptions options)
    {
        Directory = directory;
        Haproxy = haproxy;
        Options = options;
        Router = new HaproxyRouter(haproxy.RuntimeApi, options.Router!.HealthCheck);
    }

    public string Directory { get; }

    public HaproxyProcess Haproxy { get; }

    public HaproxyRouter Router { get; }

    /// <summary>The target's options: the service behind this HAProxy with the strategy asked for.</summary>
    public DockerTargetOptions Options { get; }

    public string SocketPath => Haproxy.RuntimeApi.Display;

    public string Backend => Options.Service;

    /// <summary>What users call: the router's frontend on the service's port.</summary>
    public Uri Frontend(string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Options.Port}/{path}"));

    public static async Task<RoutedDockerStack> StartAsync(StackFixture stack, string service, int port, ReleaseStrategy strategy)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shipgate-routed-" + Guid.NewGuid().ToString("N")[..8]);
        // Tolerant checks (every second, 5 s to answer, out after 3 failures): each check is a new process of the busybox
        // test service, which takes over a second to answer on a machine loaded by parallel builds (load 20+ on 2 cores);
        // Shipgate's 500 ms, fall 2 (1 s timeout) then takes the only serving server out and HAProxy answers 503 whether
        // or not a release is going on. What is under test is the release, not the checks.
        var healthCheck = new HaproxyHealthCheck("/health", IntervalMilliseconds: 1000, Fall: 3, Rise: 1);
        var socket = Path.Combine(directory, "admin.sock");
        // Shipgate's configuration with the tolerant check timeout, plus a log of every request on stdout for the failure messages.
        var configuration = HaproxyConfig.Generate(new HaproxyConfigSpec(service, port, socket, null, [], healthCheck))
            .Replace("    timeout check 1s\n", "    timeout check 5s\n", StringComparison.Ordinal)
            .Replace("    stats timeout 30s\n", "    stats timeout 30s\n    log stdout format raw local0\n", StringComparison.Ordinal)
            .Replace("    option redispatch\n", "    option redispatch\n    log global\n    option httplog\n", StringComparison.Ordinal);
        var haproxy = await HaproxyProcess.StartAsync(configuration, RuntimeApiEndpoint.UnixSocket(socket), directory);
        var options = await TestTargets.FreshDockerAsync(stack, service, port);
        return new RoutedDockerStack(directory, haproxy, options with
        {
            Router = new DockerRouterOptions(haproxy.RuntimeApi, service) { Strategy = strategy, HealthCheck = healthCheck, PreviewPath = "/version" },
        });
    }

    /// <summary>What HAProxy logged besides requests (alerts, state changes), and its first and last failed requests.</summary>
    public string Unusual
    {
        get
        {
            var lines = Haproxy.Output.Split('\n');
            var failed = lines.Where(l => l.Contains("\"GET ", StringComparison.Ordinal) && !l.Contains(" 200 ", StringComparison.Ordinal)).ToList();
            return string.Join("\n", lines.Where(l => !l.Contains("\"GET ", StringComparison.Ordinal)).TakeLast(30)
                .Concat(failed.Take(3)).Concat(failed.Count > 3 ? ["…", failed[^1]] : []));
        }
    }

    /// <summary>
    /// Swarm target options for the same service behind this HAProxy (the same router options): each release is its
    /// own Swarm service of <paramref name="replicas"/> tasks, one server per task.
    /// </summary>
    public SwarmTargetOptions Swarm(int replicas) =>
        new(Options.Service, Options.Environment, Options.Port) { Router = Options.Router, Replicas = replicas, HealthTimeout = TimeSpan.FromSeconds(60) };

    public async Task<BackendState> StateAsync() => await Router.ReadStateAsync(Backend);

    public async ValueTask DisposeAsync()
    {
        await Haproxy.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
