using Shipgate.Pipeline.CI;
using Shipgate.Release.Components;

namespace Shipgate.Release.Tests.Components;

/// <summary>
/// The CI job of a held canary: ResumeCanary requires the approval of each environment whose canary steps hold until
/// approved (<c>pause: {}</c>), so the generated files gate its job with each system's own mechanism, as they gate the
/// production deploy: a GitHub environment, a GitLab manual job on the environment, a Jenkins input.
/// </summary>
public sealed class CanaryResumeCiTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("shipgate-resume-ci-").FullName;

    [Fact]
    public void The_resume_job_of_an_environment_whose_canary_holds_until_approved_waits_for_each_systems_approval()
    {
        var files = Generate("""
            environments:
              production:
                local: true
                approvers: [release-managers]
                router: { socket: /run/haproxy/admin.sock }
                strategy: canary
                canary: { steps: [ { setWeight: 10 }, { pause: {} } ] }
            """);

        Assert.True(CanaryResumeCi.HoldsCanary(EnvironmentsPath, "production"));
        var github = Job(files.Single(f => f.RelativePath.StartsWith(".github", StringComparison.Ordinal)).Content, "production-canary");
        Assert.Matches(@"environment:\s+name: production", github);
        var gitlab = Job(files.Single(f => f.RelativePath == ".gitlab-ci.yml").Content, "production-canary");
        Assert.Contains("when: manual", gitlab, StringComparison.Ordinal);
        Assert.Matches(@"environment:\s+name: production", gitlab);
        var jenkins = files.Single(f => f.RelativePath == "Jenkinsfile").Content;
        // A stage of its own (Jenkins refuses two stages of one name), with milestones after the deploy's (they must rise).
        Assert.Matches(@"stage\('approve production-canary'\)[\s\S]*?milestone\(ordinal: 3,[\s\S]*?input\(.*submitter: 'release-managers'[\s\S]*?milestone\(ordinal: 4,[\s\S]*?stage\('production-canary'\)[\s\S]*?ResumeCanary", jenkins);
    }

    [Fact]
    public void An_environment_whose_canary_only_waits_for_a_duration_needs_no_resume_job_and_its_resume_no_approval()
    {
        var files = Generate("""
            environments:
              production:
                local: true
                router: { socket: /run/haproxy/admin.sock }
                strategy: canary
                canary: { steps: [ { setWeight: 10 }, { pause: { duration: 1m } } ] }
            """);

        Assert.False(CanaryResumeCi.HoldsCanary(EnvironmentsPath, "production"));
        Assert.False(CanaryResumeCi.HoldsCanary(Path.Combine(_directory, "missing.yaml"), "production"));
        Assert.DoesNotContain("when: manual", Job(files.Single(f => f.RelativePath == ".gitlab-ci.yml").Content, "production-canary"), StringComparison.Ordinal);
    }

    /// <summary>A YAML job: its key's line and every line indented deeper after it.</summary>
    private static string Job(string yaml, string id)
    {
        var lines = yaml.Split('\n');
        var start = Array.FindIndex(lines, line => line.Trim() == $"{id}:");
        Assert.True(start >= 0, $"no job {id} in:\n{yaml}");
        var indent = lines[start].Length - lines[start].TrimStart().Length;
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(line => line.Trim().Length == 0 || line.Length - line.TrimStart().Length > indent));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string EnvironmentsPath => Path.Combine(_directory, "environments.yaml");

    /// <summary>The files for a deploy stage and its resume stage, as build/Build.CI.cs declares them, against this file.</summary>
    private IReadOnlyList<CiFile> Generate(string environments)
    {
        File.WriteAllText(EnvironmentsPath, environments);
        ResumeCiBuild.EnvironmentsFile = EnvironmentsPath;
        var pipeline = CiPipeline.Named("release").OnPushTo("main").DeployFrom("main")
            .Stage("production", stage => stage.Runs("Deploy").With("--environment", "production").Deploys("production"))
            .Stage("production-canary", stage => stage.Runs("ResumeCanary", "Verify").With("--environment", "production").Deploys("production"));
        return CiFiles.Generate(new ResumeCiBuild(), pipeline);
    }
}

/// <summary>A build with the release targets whose environments file is the test's.</summary>
internal sealed class ResumeCiBuild : Pipeline.ShipgateBuild, IReleaseTargets
{
    [ThreadStatic]
    public static string? EnvironmentsFile;

    ReleaseService IReleaseTargets.Service => new("svc", ImageSource.DockerfileIn("app")) { EnvironmentsFile = EnvironmentsFile! };
}
