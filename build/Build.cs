using Serilog;
using Shipgate.Pipeline;
using Shipgate.Release.Components;

namespace Shipgate.Build;

/// <summary>
/// This repository's build program, and the reference user of Shipgate's libraries: the release targets come from
/// the release component (what is released: Build.Sample.cs); the CI declaration is in Build.CI.cs.
/// </summary>
internal sealed partial class Build : ShipgateBuild
{
    public static int Main() => Execute<Build>(x => x.Test);

    [Parameter("Build configuration: Debug or Release")]
    private readonly string Configuration = "Debug";

    [Parameter("Run only the tests matching this 'dotnet test --filter' expression")]
    private readonly string? TestFilter;

    private string Solution => Path.Combine(RootDirectory, "Shipgate.slnx");

    private string Artifacts => Path.Combine(RootDirectory, "artifacts");

    private string TestResultsDirectory => Path.Combine(Artifacts, "test-results");

    private Target Restore => _ => _
        .Description("Restores NuGet packages")
        .Executes(() => DotNet("restore", Solution));

    private Target Compile => _ => _
        .Description("Builds the solution; analyzer warnings are errors")
        .DependsOn(Restore)
        .Executes(() => DotNet("build", Solution, "--no-restore", "-c", Configuration, "-nologo"));

    private Target Lint => _ => _
        .Description("Checks formatting, code style and analyzers (dotnet format --verify-no-changes)")
        .DependsOn(Restore)
        .DependentFor<IReleaseTargets>(x => x.Image)
        .WhenSkipped(DependencyBehavior.Skip)
        .Executes(() => DotNet("format", Solution, "--verify-no-changes", "--no-restore", "-v", "q"));

    private Target Test => _ => _
        .Description("Runs every test project; TRX and JUnit XML in artifacts/test-results; prints 'N passed, N failed'")
        .DependsOn(Compile)
        .After(Lint)
        .DependentFor<IReleaseTargets>(x => x.Image)
        .WhenSkipped(DependencyBehavior.Skip)
        .Executes(RunTestsAsync);

    private Target Pack => _ => _
        .Description("NuGet packages (and symbols) of the libraries, the release component, the shipgate tool and the dotnet new template in artifacts/packages, versioned from git tags")
        .DependsOn(Compile)
        .Executes(() => DotNet("pack", Solution, "--no-build", "-c", Configuration, "-o", Path.Combine(Artifacts, "packages"), "-nologo"));

    private async Task RunTestsAsync(CancellationToken cancellation)
    {
        if (Directory.Exists(TestResultsDirectory))
            Directory.Delete(TestResultsDirectory, recursive: true);
        var failedProjects = new List<string>();
        foreach (var project in TestProjects())
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var arguments = new List<string>
            {
                "test", project, "--no-build", "-c", Configuration, "--results-directory", TestResultsDirectory,
                "--logger", $"trx;LogFileName={name}.trx",
                "--logger", $"junit;LogFilePath={Path.Combine(TestResultsDirectory, name + ".junit.xml")}",
            };
            if (TestFilter is not null)
                arguments.AddRange(["--filter", TestFilter]);

            // Every project runs even after a failure, so the totals cover the whole suite.
            if (await DotNetAsync(arguments, cancellation, throwOnFailure: false) != 0)
                failedProjects.Add(name);
        }

        var totals = TestTotals.FromTrxDirectory(TestResultsDirectory);
        Log.Information("Test results: {Directory}", TestResultsDirectory);
        // The closing line CI reads, alone on its line.
        Console.WriteLine(totals.ClosingLine);
        if (failedProjects.Count > 0 || totals.Failed > 0 || totals.Passed == 0)
            throw new InvalidOperationException($"Tests failed in: {string.Join(", ", failedProjects.DefaultIfEmpty("(no test ran)"))}");
    }

    private IEnumerable<string> TestProjects() =>
        new[] { "tests", "samples" }
            .Select(folder => Path.Combine(RootDirectory, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.Tests.csproj", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
}
