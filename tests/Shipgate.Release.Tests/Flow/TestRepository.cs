using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Docker.DotNet.Models;
using Shipgate.DeployTargets.Engine;
using Shipgate.Release.Components;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// A throwaway repository that releases a tiny offline service (FROM scratch + static busybox httpd serving /health)
/// through the release component, with its own gates and environments files, run in this process.
/// </summary>
public sealed class TestRepository : IDisposable
{
    public TestRepository(ReleaseStack stack, string service)
    {
        Stack = stack;
        Service = service;
        Root = Directory.CreateTempSubdirectory($"shipgate-release-{service}-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        var app = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        File.Copy("/bin/busybox", Path.Combine(app, "busybox"));
        var www = Directory.CreateDirectory(Path.Combine(app, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "health"), "ok");
        File.WriteAllText(Path.Combine(app, "Dockerfile"), """
            FROM scratch
            COPY busybox /bin/busybox
            COPY www /www
            STOPSIGNAL SIGKILL
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p 127.0.0.1:$PORT -h /www"]
            """);
        WriteGates(Gates.Passing);
        Git("init", "-q");
        Git("add", ".");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "service");
    }

    public ReleaseStack Stack { get; }

    public string Service { get; }

    public string Root { get; }

    /// <summary>
    /// The service's port; the two after it are its releases' own ports behind the routed environments' router, and the
    /// third a canary's concurrent baseline's.
    /// </summary>
    public int Port { get; } = Testing.FreePorts.NextBlock(4);

    public static class Gates
    {
        /// <summary>Parses and validates; the tiny service exports no metrics, so verification finds no data (never a pass).</summary>
        public const string Passing = """
            gates:
              - name: error-rate
                kind: errorRate
                metric: http_requests_total
                max: 0.05
                interval: 1s
                count: 2
            """;
    }

    public void WriteGates(string text) => File.WriteAllText(Path.Combine(Root, "gates.yaml"), text);

    /// <summary>
    /// Writes the environments file: <c>test</c> on the local engine, <c>remote</c> on the TLS engine, <c>routed</c> a local
    /// environment (the test stack's registry and Prometheus) behind the embedded router, <c>baselined</c> the same with
    /// a canary's concurrent baseline, <c>held</c> the same with a canary held at 10 % until a release manager approves.
    /// </summary>
    public void WriteEnvironments()
    {
        var remote = Stack.Remote;
        File.WriteAllText(Path.Combine(Root, "environments.yaml"), $"""
            environments:
              test:
                engine: {"{"} endpoint: unix:///var/run/docker.sock {"}"}
                port: {Port.ToString(CultureInfo.InvariantCulture)}
                registry: {"{"} host: "{Stack.Registry}" {"}"}
                prometheus: {"{"} url: "{Stack.Prometheus.Url}" {"}"}
              remote:
                engine:
                  endpoint: {remote.Address}
                  tls: {"{"} ca: "{remote.CaCertificateFile}", cert: "{remote.ClientCertificateFile}", key: "{remote.ClientKeyFile}" {"}"}
                port: {Port.ToString(CultureInfo.InvariantCulture)}
                registry: {"{"} host: "{Stack.Registry}" {"}"}
                prometheus: {"{"} url: "{Stack.Prometheus.Url}" {"}"}
              routed:
                local: true
                port: {Port.ToString(CultureInfo.InvariantCulture)}
                registry: {"{"} host: "{Stack.Registry}" {"}"}
                prometheus: {"{"} url: "{Stack.Prometheus.Url}" {"}"}
                router: {"{"} embedded: true {"}"}
              baselined:
                local: true
                port: {Port.ToString(CultureInfo.InvariantCulture)}
                registry: {"{"} host: "{Stack.Registry}" {"}"}
                prometheus: {"{"} url: "{Stack.Prometheus.Url}" {"}"}
                router: {"{"} embedded: true {"}"}
                canary: {"{"} baseline: concurrent {"}"}
              held:
                local: true
                port: {Port.ToString(CultureInfo.InvariantCulture)}
                registry: {"{"} host: "{Stack.Registry}" {"}"}
                prometheus: {"{"} url: "{Stack.Prometheus.Url}" {"}"}
                router: {"{"} embedded: true {"}"}
                strategy: canary
                canary: {"{"} steps: [ {"{"} setWeight: 10 {"}"}, {"{"} pause: {"{"}{"}"} {"}"} ] {"}"}
            """);
    }

    /// <summary>Runs the build in this process; returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Build(params string[] arguments)
    {
        WriteEnvironments();
        using var output = new StringWriter();
        var previous = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            var exit = TestReleaseBuild.Run(Service, [.. arguments, "--root", Root]);
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(previous.Item1);
            Console.SetError(previous.Item2);
        }
    }

    /// <summary>Deploys <paramref name="version"/> without verification, its image answering <c>/version</c> with it.</summary>
    public async Task<(int ExitCode, string Output)> DeployVersionAsync(string environment, string version, params string[] options)
    {
        await File.WriteAllTextAsync(Path.Combine(Root, "app", "www", "version"), version);
        return Build(["Deploy", "--environment", environment, .. options, "--version", version, "--skip", "Verify"]);
    }

    /// <summary>What the service answers on <paramref name="path"/> through its port.</summary>
    public async Task<string> GetAsync(string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{path}"));
    }

    public JsonElement Ledger() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "artifacts", "release", "ledger.json"))).RootElement;

    /// <summary>Removes the service's containers and ledger from an engine (test clean-up may use the API directly).</summary>
    public static async Task RemoveAsync(EngineConnection engine, string service)
    {
        using var client = engine.CreateClient();
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"io.shipgate.service={service}"] = true } };
        foreach (var container in await ReleaseFlowTests.ContainersAsync(engine, service))
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        foreach (var volume in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = filters })).Volumes ?? [])
            await client.Volumes.RemoveAsync(volume.Name, force: true);
    }

    public void Dispose()
    {
        RemoveAsync(EngineConnection.Local, Service).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A container may still hold a file open; the temp directory is cleaned later.
        }
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.WaitForExit();
    }
}

/// <summary>The smallest build program that uses the release component: what the template gives a team.</summary>
internal sealed class TestReleaseBuild : Pipeline.ShipgateBuild, IReleaseTargets
{
    [ThreadStatic]
    private static string? _service;

    ReleaseService IReleaseTargets.Service => new(_service ?? "svc", ImageSource.DockerfileIn("app"))
    {
        GatesFile = "gates.yaml",
        EnvironmentsFile = "environments.yaml",
        StackScripts = Path.Combine(Testing.RepositoryPaths.Root, "scripts", "stack"),
        Traffic = new TrafficSettings { Path = "/health", Features = ["x"], Rate = (5, 10) },
    };

    public static int Run(string service, string[] arguments)
    {
        _service = service;
        return Execute<TestReleaseBuild>(x => ((IReleaseTargets)x).Status, arguments);
    }
}
