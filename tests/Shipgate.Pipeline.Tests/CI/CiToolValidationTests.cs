using System.Text.Json;
using Shipgate.Pipeline.CI;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// The generated files checked by the real tools each system's users would run: none is faked or skipped. The GitLab
/// jobs themselves run for real in tests/Shipgate.Pipeline.EndToEnd.Tests (gitlab-ci-local, the whole pipeline).
/// </summary>
public class CiToolValidationTests(CiLintTools tools) : IClassFixture<CiLintTools>
{
    private static readonly IReadOnlyList<CiFile> Files = CiFiles.Generate(new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline));

    private static string WriteAll(string root)
    {
        CiFiles.Write(root, Files);
        return root;
    }

    [Fact]
    public void Actionlint_finds_no_problem_in_the_generated_workflow()
    {
        var root = WriteAll(Directory.CreateTempSubdirectory("shipgate-actionlint-").FullName);
        try
        {
            var result = tools.Actionlint(Path.Combine(root, GitHubWorkflowGenerator.PathFor(SampleReleaseBuild.Pipeline)));

            // actionlint 1.7.7 knows every context the workflow uses (`vars` since 1.6.23): any message is a problem.
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("1 file(s) checked, 0 problem(s)", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Actionlint_does_report_a_broken_workflow()
    {
        var root = Directory.CreateTempSubdirectory("shipgate-actionlint-").FullName;
        try
        {
            var broken = Path.Combine(root, "broken.yml");
            File.WriteAllText(broken, Files[0].Content.Replace("secrets.PROMETHEUS_TOKEN", "secret.PROMETHEUS_TOKEN", StringComparison.Ordinal));

            var result = tools.Actionlint(broken);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("undefined variable \"secret\"", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Groovy_lint_finds_no_error_in_the_generated_Jenkinsfile()
    {
        var root = WriteAll(Directory.CreateTempSubdirectory("shipgate-groovylint-").FullName);
        try
        {
            var result = CiLintTools.Run(tools.Bin("npm-groovy-lint"), ["--failon", "error", "--output", "json", "--noserver", "Jenkinsfile"], root, TimeSpan.FromMinutes(5));

            Assert.True(result.ExitCode == 0, result.Output);
            var json = result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..];
            var summary = JsonDocument.Parse(json).RootElement.GetProperty("summary");
            Assert.Equal(0, summary.GetProperty("totalFoundErrorNumber").GetInt32());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Gitlab_ci_local_sees_the_job_graph_with_a_manual_production_job()
    {
        var root = WriteAll(Directory.CreateTempSubdirectory("shipgate-gitlab-").FullName);
        try
        {
            CiLintTools.Run("git", ["init", "-q", "-b", "main"], root, TimeSpan.FromMinutes(1));

            var result = CiLintTools.Run(tools.Bin("gitlab-ci-local"), ["--list-json"], root, TimeSpan.FromMinutes(2));

            Assert.True(result.ExitCode == 0, result.Output + Files[1].Content);
            var jobs = JsonDocument.Parse(result.Output[result.Output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray()
                .ToDictionary(job => job.GetProperty("name").GetString()!, job => job);
            Assert.Equal(["lint", "test", "rehearsal", "build-image", "staging", "production", "rollback-production"], jobs.Keys);
            Assert.Equal("never", jobs["rehearsal"].GetProperty("when").GetString()); // a push to main: pull requests only
            Assert.Equal("manual", jobs["production"].GetProperty("when").GetString());
            Assert.False(jobs["production"].GetProperty("allow_failure").GetBoolean());
            Assert.Equal("on_success", jobs["staging"].GetProperty("when").GetString());
            // The image from build-image, not staging's reports (GitLab hands on only the listed jobs' artifacts).
            Assert.Equal(["build-image", "staging"], jobs["production"].GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("job").GetString()));
            Assert.Equal([true, false], jobs["production"].GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("artifacts").GetBoolean()));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
