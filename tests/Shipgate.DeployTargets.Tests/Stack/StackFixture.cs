using System.Diagnostics;
using Docker.DotNet.Models;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Tests.Stack;

/// <summary>
/// Brings up the real dockerd and two real registries (open on 15000, htpasswd-protected on 15001) through the
/// shared scripts/stack scripts, reusing whatever already answers.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string OpenRegistry = "127.0.0.1:15000";
    public const string AuthRegistry = "127.0.0.1:15001";
    public const string AuthUser = "shipgate";

    // A test-only password; its bcrypt hash below was made once with python3 crypt (METHOD_BLOWFISH).
    public const string AuthPassword = "shipgate-test-pw";
    private const string AuthHash = "$2b$05$rRyp6zRVODi1fQebjZLCAubUEJIeb31dGAKnlmellG1A2W2MP3LKi";

    public static string RepositoryRoot { get; } = FindRoot();
    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "shipgate-deploytargets-tests");
    public EngineConnection Engine { get; } = EngineConnection.Local;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(StateDirectory);
        await RunAsync("scripts/stack/docker.sh", "start");
        var htpasswd = Path.Combine(StateDirectory, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, $"{AuthUser}:{AuthHash}\n");
        await StartRegistryAsync("open", OpenRegistry, null);
        await StartRegistryAsync("auth", AuthRegistry, htpasswd);
    }

    private readonly HashSet<(string Service, string Environment)> _used = [];

    /// <summary>Leaves no test container, service, ledger entry or lock behind on the shared engine.</summary>
    public async Task DisposeAsync()
    {
        foreach (var (service, environment) in _used.ToList()) await ForgetServiceAsync(service, environment);
    }

    public async Task EnsureSwarmAsync() => await RunAsync("scripts/stack/docker.sh", "swarm");

    /// <summary>Removes every container, service, ledger entry and lock of a test's service so each test starts clean.</summary>
    public async Task ForgetServiceAsync(string service, string environment)
    {
        lock (_used) _used.Add((service, environment));
        using var client = Engine.CreateClient();
        var label = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"io.shipgate.service={service}"] = true, [$"io.shipgate.environment={environment}"] = true },
        };
        try
        {
            foreach (var s in await client.Swarm.ListServicesAsync(new ServicesListParameters()))
                // The service, and behind a router each release's own service (named after it, labelled with it).
                if (s.Spec.Name == $"{service}-{environment}"
                    || (s.Spec.Labels.Label(LedgerLabels.Service) == service && s.Spec.Labels.Label(LedgerLabels.Environment) == environment))
                    await client.Swarm.RemoveServiceAsync(s.ID);
        }
        catch (Exception e) when (e.Message.Contains("swarm", StringComparison.OrdinalIgnoreCase))
        {
            // Not a swarm manager: no services to remove.
        }
        // Swarm removes its task containers itself; whatever it already removed is not an error.
        foreach (var c in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = label }))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true });
            }
            catch (Docker.DotNet.DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }
        foreach (var v in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = label })).Volumes ?? [])
            await client.Volumes.RemoveAsync(v.Name, force: true);
    }

    private async Task StartRegistryAsync(string name, string address, string? htpasswd)
    {
        var config = Path.Combine(StateDirectory, $"registry-{name}.yml");
        var data = Path.Combine(StateDirectory, $"registry-{name}-data");
        var text = await RunAsync("scripts/stack/registry.sh", "config", address, data, htpasswd ?? "");
        await File.WriteAllTextAsync(config, text);
        await RunAsync("scripts/stack/registry.sh", "start", config);
    }

    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot, script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Shipgate.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Shipgate.slnx not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "docker stack";
}
