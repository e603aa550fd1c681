using Shipgate.Pipeline;
using Shipgate.Pipeline.CI;

namespace Shipgate.Build;

/// <summary>
/// This repository's CI, declared once and generated for GitHub Actions, GitLab CI and Jenkins by
/// <c>./build.sh GenerateCi</c>. Each stage runs targets of this build; the production deploy waits for
/// the approval that <c>Deploy</c>'s definition requires.
/// </summary>
internal sealed partial class Build
{
    [Parameter("GenerateCi: only compare the committed CI files with the declaration; fails naming the stale file and line")]
    private readonly bool CheckCi;

    /// <summary>The pipeline: lint, test, image + push, staging deploy + verify, approval, production deploy + verify.</summary>
    internal static CiPipeline Pipeline => CiPipeline.Named("release")
        .OnPushTo("main")
        .OnPullRequestTo("main")
        .DeployFrom("main")
        .Stage("lint", stage => stage.Runs("Lint"))
        .Stage("test", stage => stage
            .Runs("Test")
            .TestResults("artifacts/test-results/*.junit.xml"))
        .Stage("build-image", stage => stage
            .Runs("Image", "Push")
            .Secrets("REGISTRY_USERNAME", "REGISTRY_PASSWORD")
            .Produces("artifacts/image"))
        .Stage("staging", stage => stage
            .Runs("Deploy", "Verify")
            .With("--environment", "staging")
            .Deploys("staging")
            .Secrets("REGISTRY_PASSWORD", "PROMETHEUS_TOKEN")
            .TestResults("artifacts/reports/*.junit.xml")
            .Summary("artifacts/reports/*.md"))
        .Stage("production", stage => stage
            .Runs("Deploy", "Verify")
            .With("--environment", "production")
            .Deploys("production")
            .Secrets("REGISTRY_PASSWORD", "PROMETHEUS_TOKEN")
            .TestResults("artifacts/reports/*.junit.xml")
            .Summary("artifacts/reports/*.md"));

    private Target GenerateCi => _ => _
        .Description("Writes .github/workflows/release.yml, .gitlab-ci.yml and Jenkinsfile from build/Build.CI.cs (--check-ci: only compare)")
        .Executes(() =>
        {
            var files = CiFiles.Generate(this, Pipeline);
            if (CheckCi)
                CiFiles.ThrowIfStale(RootDirectory, files);
            else
                CiFiles.Write(RootDirectory, files);
        });
}
