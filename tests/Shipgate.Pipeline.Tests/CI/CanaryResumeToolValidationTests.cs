using System.Text.Json;
using Shipgate.Pipeline.CI;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// The job of a canary held until approved (ResumeCanary, behind the production approval a second time) in the files
/// generated for it, checked by the real tools: actionlint, npm-groovy-lint (two approval stages in one Jenkinsfile) and
/// gitlab-ci-local's job graph (a second manual job on the environment, after the production deploy).
/// </summary>
public class CanaryResumeToolValidationTests(CiLintTools tools) : IClassFixture<CiLintTools>
{
    private static readonly IReadOnlyList<CiFile> Files = CiFiles.Generate(new SampleReleaseBuild().Let(SampleReleaseBuild.PipelineWithCanaryResume));

    [Fact]
    public void Actionlint_finds_no_problem_and_the_resume_job_waits_for_the_production_environment()
    {
        InTemporaryCopy("shipgate-resume-actionlint-", root =>
        {
            var result = tools.Actionlint(Path.Combine(root, GitHubWorkflowGenerator.PathFor(SampleReleaseBuild.PipelineWithCanaryResume)));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("1 file(s) checked, 0 problem(s)", result.Output, StringComparison.Ordinal);
        });
        Assert.Matches(@"production-canary:\n(    .*\n)*?    environment:\n      name: production", Files[0].Content);
    }

    [Fact]
    public void Groovy_lint_finds_no_error_with_two_approval_stages()
    {
        InTemporaryCopy("shipgate-resume-groovylint-", root =>
        {
            var result = CiLintTools.Run(tools.Bin("npm-groovy-lint"), ["--failon", "error", "--output", "json", "--noserver", "Jenkinsfile"], root, TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, result.Output);
            var json = result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..];
            Assert.Equal(0, JsonDocument.Parse(json).RootElement.GetProperty("summary").GetProperty("totalFoundErrorNumber").GetInt32());
        });
        Assert.Contains("stage('approve production-canary')", Files[2].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Gitlab_ci_local_sees_the_resume_as_a_manual_job_after_the_production_deploy()
    {
        InTemporaryCopy("shipgate-resume-gitlab-", root =>
        {
            CiLintTools.Run("git", ["init", "-q", "-b", "main"], root, TimeSpan.FromMinutes(1));
            var result = CiLintTools.Run(tools.Bin("gitlab-ci-local"), ["--list-json"], root, TimeSpan.FromMinutes(2));

            Assert.True(result.ExitCode == 0, result.Output + Files[1].Content);
            var jobs = JsonDocument.Parse(result.Output[result.Output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray()
                .ToDictionary(job => job.GetProperty("name").GetString()!, job => job);
            Assert.Equal("manual", jobs["production-canary"].GetProperty("when").GetString());
            Assert.False(jobs["production-canary"].GetProperty("allow_failure").GetBoolean());
            Assert.Contains("production", jobs["production-canary"].GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("job").GetString()));
        });
    }

    private static void InTemporaryCopy(string prefix, Action<string> check)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            CiFiles.Write(root, Files);
            check(root);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
