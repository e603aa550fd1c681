using Shipgate.Testing;
namespace Shipgate.Acceptance.Tests;

/// <summary>
/// Shipgate as an adopter gets it: this repository's packages (libraries, release component, tool, template) packed
/// into a folder feed under a version of their own, so that no package cached by an earlier run is taken instead.
/// </summary>
internal sealed class LocalFeed : IDisposable
{
    private static readonly string[] Projects =
        ["src/Core", "src/Pipeline", "src/Gates", "src/DeployTargets", "src/LocalStack", "src/Release", "src/Cli", "templates"];

    public LocalFeed()
    {
        Version = $"0.0.0-acceptance.{DateTime.UtcNow:yyyyMMddHHmmss}";
        Directory = System.IO.Directory.CreateTempSubdirectory("shipgate-feed-").FullName;
        // The test assembly's configuration is the one the solution was built in (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        foreach (var project in Projects)
        {
            var pack = ProcessRun.Start("dotnet",
                ["pack", project, "--no-build", "-c", configuration, "-o", Directory, "-nologo", $"-p:MinVerVersionOverride={Version}"], Testing.RepositoryPaths.Root, TimeSpan.FromMinutes(5));
            if (pack.ExitCode != 0)
                throw new InvalidOperationException($"dotnet pack {project}: {pack}");
        }
    }

    public string Version { get; }

    public string Directory { get; }

    public string TemplatePackage => Path.Combine(Directory, $"Shipgate.Templates.{Version}.nupkg");

    /// <summary>A nuget.config for the adopting repository: this feed beside the machine's own sources.</summary>
    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="shipgate" value="{Directory}" />
          </packageSources>
        </configuration>
        """;

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        // The restored copies of this run's version in the global packages folder are this test's alone.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in System.IO.Directory.Exists(cache) ? System.IO.Directory.EnumerateDirectories(cache, "shipgate.*") : [])
        {
            var restored = Path.Combine(package, Version);
            if (System.IO.Directory.Exists(restored))
                System.IO.Directory.Delete(restored, recursive: true);
        }
    }
}
