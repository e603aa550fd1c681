using System.Diagnostics;
using Shipgate.Testing;

namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// The real services a release needs, for the release-flow tests: the local Docker engine, a registry and a Prometheus
/// of their own on free loopback ports, started through the same scripts as the embedded stack, and a "remote" engine
/// behind mutual TLS. Each test gets a temporary repository (a git checkout with .nuke) to run its build in.
/// </summary>
public sealed class ReleaseStack : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("shipgate-release-stack-").FullName;
    private string? _registryConfig;

    public string Registry { get; } = $"127.0.0.1:{FreePorts.Next()}";

    public PrometheusServer Prometheus { get; private set; } = null!;

    public RemoteDockerEngine Remote { get; } = new();

    public async Task InitializeAsync()
    {
        await ScriptAsync("docker.sh", "start");
        _registryConfig = Path.Combine(_directory, "registry.yml");
        await File.WriteAllTextAsync(_registryConfig, await ScriptAsync("registry.sh", "config", Registry, Path.Combine(_directory, "registry-data")));
        await ScriptAsync("registry.sh", "start", _registryConfig);
        Prometheus = PrometheusServer.Start("  - job_name: none\n    static_configs: []\n");
        await Remote.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Remote.DisposeAsync();
        Prometheus?.Dispose();
        if (_registryConfig is not null)
            await ScriptAsync("registry.sh", "stop", _registryConfig);
    }

    public static async Task<string> ScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "stack", script)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{script} {string.Join(' ', arguments)}: {await error}");
    }
}

[CollectionDefinition(Name)]
public sealed class ReleaseStackCollection : ICollectionFixture<ReleaseStack>
{
    // The builds run in this process one at a time: the engine's logger is process-wide.
    public const string Name = "release stack";
}
