using System.Globalization;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.Testing;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A real HAProxy started by the test with Shipgate's generated configuration, in front of real loopback backends;
/// disposing stops HAProxy and the backends and removes the directory.
/// </summary>
internal sealed class RoutedStack : IAsyncDisposable
{
    public const string Backend = "svc";

    private RoutedStack(string directory, HaproxyProcess haproxy, int frontendPort, int exporterPort, List<TestBackend> backends)
    {
        Directory = directory;
        Haproxy = haproxy;
        FrontendPort = frontendPort;
        ExporterPort = exporterPort;
        Backends = backends;
        Router = new HaproxyRouter(haproxy.RuntimeApi, HealthCheck);
    }

    public static HaproxyHealthCheck HealthCheck { get; } = new("/health", IntervalMilliseconds: 200, Fall: 2, Rise: 1);

    public string Directory { get; }

    public HaproxyProcess Haproxy { get; }

    public HaproxyRouter Router { get; }

    public int FrontendPort { get; }

    public int ExporterPort { get; }

    public Uri Frontend => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FrontendPort}/predict"));

    public List<TestBackend> Backends { get; }

    public string SocketPath => Path.Combine(Directory, "admin.sock");

    public TestBackend this[string name] => Backends.Single(b => b.Name == name);

    /// <summary>HAProxy routing to the given backends (started here) with their weights; each answers after <paramref name="delay"/>.</summary>
    public static async Task<RoutedStack> StartAsync(TimeSpan delay, params (string Name, int Weight)[] servers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shipgate-router-" + Guid.NewGuid().ToString("N")[..8]);
        var backends = servers.Select(s => TestBackend.Start(s.Name, delay)).ToList();
        var frontendPort = FreePorts.Next();
        var exporterPort = FreePorts.Next();
        var spec = new HaproxyConfigSpec(
            Backend, frontendPort, Path.Combine(directory, "admin.sock"), exporterPort,
            servers.Select((s, i) => backends[i].AsServer(s.Weight)).ToList(), HealthCheck);
        try
        {
            var haproxy = await HaproxyProcess.StartAsync(spec, directory);
            var stack = new RoutedStack(directory, haproxy, frontendPort, exporterPort, backends);
            await stack.WaitUntilAsync(s => s.Servers.All(server => server.Health == ServerHealth.Up), TimeSpan.FromSeconds(5));
            return stack;
        }
        catch
        {
            backends.ForEach(b => b.Dispose());
            throw;
        }
    }

    /// <summary>Starts one more backend, not yet known to the router.</summary>
    public TestBackend AddBackend(string name, TimeSpan delay = default)
    {
        var backend = TestBackend.Start(name, delay);
        Backends.Add(backend);
        return backend;
    }

    /// <summary>How many requests HAProxy has sent the server so far (its stot).</summary>
    public async Task<long> RoutedToAsync(string server) =>
        (await Router.ReadStateAsync(Backend)).Find(server)?.TotalSessions
        ?? throw new InvalidOperationException($"no server {server} in {Backend}");

    /// <summary>Polls the router's state until the condition holds; how long it took.</summary>
    public Task<TimeSpan> WaitUntilAsync(Func<BackendState, bool> condition, TimeSpan timeout) =>
        RouterPolling.WaitUntilAsync(Router, Backend, condition, timeout);

    public async ValueTask DisposeAsync()
    {
        await Haproxy.DisposeAsync();
        Backends.ForEach(b => b.Dispose());
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
