using System.Text.Json;
using Shipgate.Testing;

namespace Shipgate.Acceptance.Tests;

/// <summary>
/// The adopting team's repository, outside this one: the Python model service (PythonService/), its Dockerfile
/// FROM the offline base image, a nuget.config naming the feed, committed to git. Shipgate is added by the test.
/// </summary>
internal sealed class PythonModelRepository : IDisposable
{
    public const string Service = "churn-model";

    private static string Sources => Path.Combine(Testing.RepositoryPaths.Root, "tests", "Shipgate.Acceptance.Tests", "PythonService");

    public PythonModelRepository(LocalFeed feed)
    {
        Root = Path.Combine(System.IO.Directory.CreateTempSubdirectory("shipgate-adopter-").FullName, Service);
        System.IO.Directory.CreateDirectory(Root);
        foreach (var file in new[] { "app.py", "Dockerfile" })
            File.Copy(Path.Combine(Sources, file), Path.Combine(Root, file));
        File.WriteAllText(Path.Combine(Root, "nuget.config"), feed.NuGetConfig);
        File.WriteAllText(Path.Combine(Root, ".gitignore"), ".nuke/temp/\nartifacts/\nbin/\nobj/\n");
        Git("init", "-q", "-b", "main");
        Commit("the churn model service");
    }

    public string Root { get; }

    public int Port { get; } = Testing.FreePorts.Next();

    /// <summary>Makes the base image (debootstrap once, then from the cache) and says how: cached, imported or bootstrapped.</summary>
    public static ProcessRun EnsureBaseImage()
    {
        var engine = ProcessRun.Start("bash", [Path.Combine(Testing.RepositoryPaths.Root, "scripts", "stack", "docker.sh"), "start"], Sources, TimeSpan.FromMinutes(2));
        return engine.ExitCode != 0
            ? engine
            : ProcessRun.Start("bash", ["base-image.sh", "shipgate-acceptance/python-model-base:bookworm", CacheDirectory], Sources, TimeSpan.FromMinutes(20));
    }

    private static string CacheDirectory =>
        Environment.GetEnvironmentVariable("SHIPGATE_CACHE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "shipgate");

    public ProcessRun Run(string program, params string[] arguments) => ProcessRun.Start(program, arguments, Root, TimeSpan.FromMinutes(15));

    public ProcessRun Build(params string[] arguments) => Run(Path.Combine(Root, "build.sh"), arguments);

    /// <summary>A new version of the service: the fault switch set in its image (half the predictions fail).</summary>
    public void CommitFaultyVersion()
    {
        var dockerfile = Path.Combine(Root, "Dockerfile");
        File.WriteAllText(dockerfile, File.ReadAllText(dockerfile).Replace("COPY app.py", "ENV FAULT_ERROR_RATE=0.5\nCOPY app.py", StringComparison.Ordinal));
        Commit("faster model (a bug: half the predictions fail)");
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=team", "-c", "user.email=team@example.com", "commit", "-qm", message);
    }

    public JsonElement Ledger() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "artifacts", "release", "ledger.json"))).RootElement;

    private void Git(params string[] arguments)
    {
        var git = ProcessRun.Start("git", arguments, Root, TimeSpan.FromMinutes(1));
        if (git.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {git}");
    }

    // The service's containers and ledger volume in the local environment (set-up may use the docker CLI).
    public void RemoveReleases()
    {
        foreach (var (list, remove) in new[] { ("ps -aq", "rm -f"), ("volume ls -q", "volume rm -f") })
        {
            var ids = ProcessRun.Start("docker", [.. list.Split(' '), "--filter", $"label=io.shipgate.service={Service}"], Root, TimeSpan.FromMinutes(1))
                .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length > 0)
                ProcessRun.Start("docker", [.. remove.Split(' '), .. ids], Root, TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>
    /// Stops the Prometheus and registry this repository's Up started (its own data, deleted next), and only those:
    /// Down would also stop a Docker engine that other tests share.
    /// </summary>
    public void StopEmbeddedServices()
    {
        var stack = Path.Combine(Root, ".nuke", "temp", "stack");
        if (System.IO.Directory.Exists(Path.Combine(stack, "prometheus-data")))
            Run("bash", "scripts/stack/prometheus.sh", "stop", Path.Combine(stack, "prometheus-data"));
        if (File.Exists(Path.Combine(stack, "registry.yml")))
            Run("bash", "scripts/stack/registry.sh", "stop", Path.Combine(stack, "registry.yml"));
    }

    public void Dispose()
    {
        RemoveReleases();
        System.IO.Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
    }
}
