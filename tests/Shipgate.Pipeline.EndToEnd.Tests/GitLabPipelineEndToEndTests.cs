using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipgate.Testing;
using Xunit.Abstractions;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>
/// The committed <c>.gitlab-ci.yml</c> run by gitlab-ci-local job by job as GitLab would run it on a push to main, each
/// job in its own copy of the repository (<c>--shell-isolation</c>), with artifacts and caches handed on the way GitLab
/// hands them: lint, build-image, staging (automatic), production (started by hand, as a release manager starts the
/// manual job), then on-call's manual rollback-production. The test job is the one exception:
/// it would run this suite inside itself, so its command is checked with <c>--plan</c>.
/// </summary>
public sealed partial class GitLabPipelineEndToEndTests(GitLabPipelineStack stack, ITestOutputHelper output) : IClassFixture<GitLabPipelineStack>
{
    private string StateDirectory => Path.Combine(stack.Repository, ".gitlab-ci-local");

    [Fact]
    public async Task The_pipeline_builds_once_and_deploys_that_digest_to_staging_and_to_production_after_a_manual_start_and_a_rolled_back_version_is_refused_on_retry()
    {
        var clock = Stopwatch.StartNew();
        // The lint job must run the Lint target to its verdict; the verdict is on the code of this commit, which .ci/run
        // does not gate otherwise, so a formatting finding is reported here, not a pipeline failure.
        var lintRun = Run("lint", manual: false);
        var lint = lintRun.Output;
        Assert.Matches(@"\bLint\s+(Succeeded|Failed)\b", lint);
        if (lintRun.ExitCode != 0)
            output.WriteLine("warning: the lint job found problems in this commit's code (see its output above)");

        // The test job's exact command, planned in lint's copy (its build program is compiled there): it tests, and only that.
        var testPlan = ProcessRun.Start("bash", ["-c", TestJobCommand() + " --plan"], Path.Combine(StateDirectory, "builds", "lint"), TimeSpan.FromMinutes(5));
        Assert.True(testPlan.ExitCode == 0, testPlan.Output);
        Assert.Matches(@"\d+\. Test\s+invoked", testPlan.Output);

        Job("build-image");
        var image = JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDirectory, "artifacts", "build-image", "artifacts", "image", "image.json"))).RootElement;
        Assert.Equal(stack.Commit, image.GetProperty("Version").GetString());
        var digest = ImageDigest();
        Assert.StartsWith("sha256:", digest, StringComparison.Ordinal);
        var pushed = $"{stack.Registry}/{GitLabPipelineStack.Service}@{digest}";

        var staging = Job("staging");
        Assert.Equal([pushed], Serving(stack.Staging));
        AssertNoCompile(staging);
        AssertOwnReports("staging", other: null);

        // Started by hand: GitLab sets CI_JOB_MANUAL for a job a user started, and names the user (GITLAB_USER_LOGIN).
        var production = Job("production", manual: true);
        Assert.Equal([pushed], Serving(stack.Production));
        Assert.Equal([pushed], Serving(stack.Staging));
        AssertNoCompile(production);
        AssertOwnReports("production", "staging");

        // On-call's manual rollback-production job runs Rollback against production's engine. This is production's first
        // release, which has nothing to return to: the release library refuses, and the release keeps serving.
        var firstRollback = Run("rollback-production", manual: true);
        Assert.Contains("has no previous release to roll back to", firstRollback.Output, StringComparison.Ordinal);
        Assert.Equal([pushed], Serving(stack.Production));

        // A second push: its release reaches production, on-call rolls it back, and re-running its production job (as
        // "Retry" in GitLab would) is refused: the ledger on production's engine remembers the rolled-back version.
        var second = stack.CommitAgain("second release");
        await using var stagingLabels = ServingVersionLabels.Follow(stack.Staging, stack.StagingPort, stack.StagingPrometheus, version => stack.ScrapeJob("staging", stack.StagingPort, version), stack.Commit);
        await using var productionLabels = ServingVersionLabels.Follow(stack.Production, stack.ProductionPort, stack.ProductionPrometheus, version => stack.ScrapeJob("production", stack.ProductionPort, version), stack.Commit);
        Job("build-image");
        var secondPushed = $"{stack.Registry}/{GitLabPipelineStack.Service}@{ImageDigest()}";
        Assert.NotEqual(pushed, secondPushed);
        Job("staging");
        var secondProduction = Job("production", manual: true);
        Assert.Equal([secondPushed], Serving(stack.Production));

        var rollback = Run("rollback-production", manual: true);
        Assert.True(rollback.ExitCode == 0, $"rollback-production failed:\n{rollback.Output}");
        Assert.Equal([pushed], Serving(stack.Production));

        var retried = Run("production", manual: true);
        Assert.NotEqual(0, retried.ExitCode);
        Assert.Contains($"version {second} was rolled back before", retried.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was deployed", retried.Output, StringComparison.Ordinal);
        Assert.Equal([pushed], Serving(stack.Production));

        Assert.DoesNotContain(stack.RegistryPassword, lint + staging + production + firstRollback.Output + secondProduction + rollback.Output + retried.Output, StringComparison.Ordinal);
        output.WriteLine($"the two pipelines took {clock.Elapsed:m\\:ss}");
    }

    private string ImageDigest() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDirectory, "artifacts", "build-image", "artifacts", "image", "image.json"))).RootElement
            .GetProperty("Digest").GetString()!;

    private string Job(string name, bool manual = false)
    {
        var run = Run(name, manual);
        Assert.True(run.ExitCode == 0, $"job {name} failed:\n{run.Output}\nPrometheus targets: {Targets(stack.StagingPrometheus)} {Targets(stack.ProductionPrometheus)}");
        return run.Output;
    }

    /// <summary>What Prometheus says of its targets (health, last error): the first thing to read when a gate saw no data.</summary>
    private static string Targets(PrometheusServer prometheus)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return http.GetStringAsync(new Uri(prometheus.Url, "api/v1/targets")).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    private ProcessRun Run(string name, bool manual)
    {
        var home = Directory.CreateDirectory(Path.Combine(stack.Repository, "..", "gitlab-ci-local-home")).FullName;
        var arguments = new List<string> { name, "--shell-isolation", "--home", home, "--no-color" };
        if (manual)
            arguments.AddRange(["--variable", "CI_JOB_MANUAL=true"]);
        // A job compiles, so a loaded machine can take long; the limit only catches a hang.
        var run = ProcessRun.Start(GitLabPipelineStack.GitLabCiLocal, arguments, stack.Repository, TimeSpan.FromMinutes(30));
        output.WriteLine($"── {name}: exit {run.ExitCode}\n{run.Output}");
        return run;
    }

    /// <summary>What each deploy job needs was built upstream: it never restores or compiles the solution.</summary>
    private static void AssertNoCompile(string jobOutput)
    {
        Assert.DoesNotMatch(SolutionBuilt(), jobOutput);
        Assert.Matches(@"\bDeploy\s+Succeeded\b", jobOutput);
    }

    // The build's summary table: a target that ran is Succeeded or Failed there.
    [GeneratedRegex(@"\b(Restore|Compile)\s+(Succeeded|Failed)\b")]
    private static partial Regex SolutionBuilt();

    /// <summary>
    /// The gate JUnit a deploy job keeps is its own: the job's artifacts hold its own CI summary (artifacts/ci-summary/JOB.md)
    /// and no other deploy job's, which they would if GitLab had handed that job's artifacts on.
    /// </summary>
    private void AssertOwnReports(string job, string? other)
    {
        var artifacts = Path.Combine(StateDirectory, "artifacts", job, "artifacts");
        Assert.True(File.Exists(Path.Combine(artifacts, "reports", "junit.xml")), $"no gate JUnit in {job}'s artifacts");
        Assert.True(File.Exists(Path.Combine(artifacts, "ci-summary", $"{job}.md")), $"no CI summary of {job} in its artifacts");
        if (other is not null)
            Assert.False(File.Exists(Path.Combine(artifacts, "ci-summary", $"{other}.md")), $"{job}'s artifacts hold {other}'s: GitLab handed them on");
    }

    /// <summary>The image references the service's running containers were created from (by digest), through the docker CLI over TLS.</summary>
    private static List<string> Serving(RemoteDockerEngine engine)
    {
        var ids = RemoteDocker.Run(engine, "ps", "-q", "--filter", $"label=io.shipgate.service={GitLabPipelineStack.Service}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ids.Length == 0
            ? []
            : RemoteDocker.Run(engine, ["inspect", "--format", "{{.Config.Image}}", .. ids])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private string TestJobCommand() =>
        TestScript().Match(File.ReadAllText(Path.Combine(stack.Repository, ".gitlab-ci.yml"))) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("no test job with a script in .gitlab-ci.yml");

    [GeneratedRegex(@"^test:\n(?:  .*\n)*?  script:\n    - (.+)$", RegexOptions.Multiline)]
    private static partial Regex TestScript();
}
