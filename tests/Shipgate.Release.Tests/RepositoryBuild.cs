using System.Diagnostics;
using System.Text.Json;

namespace Shipgate.Release.Tests;

/// <summary>
/// Runs this repository's real ./build.sh, in an environment and on a port of its own so a developer's local
/// release is not touched, and cleans that environment's containers and ledger before and after.
/// </summary>
public sealed class RepositoryBuild : IDisposable
{
    public const string Environment = "e2e";
    public const int Port = 18300;

    /// <summary>
    /// A second environment on the same embedded stack behind Shipgate's own HAProxy, releasing by canary; its
    /// releases listen on the ports after its own.
    /// </summary>
    public const string CanaryEnvironment = "e2e-canary";
    public const int CanaryPort = 18310;

    public RepositoryBuild()
    {
        Root = FindRoot();
        RemoveEnvironment();
        _stackWasRunning = Answers(new Uri("http://127.0.0.1:9090/-/ready"));
        EnvironmentsFile = WriteTemporary("environments.yaml", $$"""
            environments:
              {{Environment}}:
                local: true
              {{CanaryEnvironment}}:
                local: true
                router: { embedded: true }
                strategy: canary

            """);
    }

    // The embedded stack the test's Deploy starts is stopped afterwards, unless it ran before (a developer's own).
    private readonly bool _stackWasRunning;

    public string Root { get; }

    /// <summary>The test's own environments file: the e2e environment on the embedded stack.</summary>
    public string EnvironmentsFile { get; }

    private string TemporaryDirectory { get; } = Directory.CreateTempSubdirectory("shipgate-e2e-").FullName;

    public string WriteTemporary(string name, string text)
    {
        var path = Path.Combine(TemporaryDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Deletes series from the embedded Prometheus (its admin API listens on loopback only), as expiry would.</summary>
    public async Task DeletePrometheusSeriesAsync(string selector)
    {
        using var http = new HttpClient();
        var prometheus = new Uri("http://127.0.0.1:9090");
        using var delete = await http.PostAsync(new Uri(prometheus, $"/api/v1/admin/tsdb/delete_series?match[]={Uri.EscapeDataString(selector)}"), null);
        delete.EnsureSuccessStatusCode();
        using var clean = await http.PostAsync(new Uri(prometheus, "/api/v1/admin/tsdb/clean_tombstones"), null);
        clean.EnsureSuccessStatusCode();
    }

    public Uri Service => new($"http://127.0.0.1:{Port}");

    /// <summary>./build.sh with the given arguments plus this fixture's environment and port; Lint and Test are skipped (this is a test).</summary>
    public (int ExitCode, string Output) Run(params string[] arguments) => RunIn(Environment, Port, arguments);

    /// <summary>./build.sh with the given arguments in one of this fixture's environments, on its port.</summary>
    public (int ExitCode, string Output) RunIn(string environment, int port, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build.sh"))
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Concat(["--environment", environment, "--environments-file", EnvironmentsFile, "--service-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skip", "Lint", "Test"]))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./build.sh {string.Join(' ', arguments)} ran longer than 10 minutes");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    public JsonElement ReadArtifact(params string[] path) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine([Root, "artifacts", .. path]))).RootElement;

    public void Dispose()
    {
        RemoveEnvironment();
        if (!_stackWasRunning)
            Run("Down");
        Directory.Delete(TemporaryDirectory, recursive: true);
    }

    // Test set-up may use the docker CLI (product code never does): containers and ledger volumes of this environment.
    private static void RemoveEnvironment()
    {
        foreach (var environment in new[] { Environment, CanaryEnvironment })
            RemoveEnvironment(environment);
    }

    private static void RemoveEnvironment(string environment)
    {
        foreach (var kind in new[] { "ps -aq", "volume ls -q" })
        {
            var ids = Docker($"{kind} --filter label=io.shipgate.service=modelservice --filter label=io.shipgate.environment={environment}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0)
                Docker((kind.StartsWith("ps", StringComparison.Ordinal) ? "rm -f " : "volume rm -f ") + string.Join(' ', ids));
        }
    }

    private static bool Answers(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static string Docker(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new DirectoryNotFoundException("The repository root is not above the test assembly.");
    }
}
