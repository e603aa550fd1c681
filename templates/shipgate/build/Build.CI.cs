using Shipgate.Pipeline;
using Shipgate.Pipeline.CI;

/// <summary>
/// The CI of this release, declared once: ./build.sh GenerateCi writes .github/workflows/release.yml, .gitlab-ci.yml
/// and Jenkinsfile from it (the first stage checks they are current). Pull requests rehearse the release on the
/// runner's embedded stack; main goes to staging,
/// then to production once a release manager approves (deploy/environments.yaml names them).
/// </summary>
internal sealed partial class Build
{
    [Parameter("GenerateCi: only compare the committed CI files with the declaration; fails naming the stale file")]
    private readonly bool CheckCi;

    private static CiPipeline Pipeline => CiPipeline.Named("release")
        .OnPushTo("main")
        .OnPullRequestTo("main")
        .DeployFrom("main")
        .RunsOn(new CiRunner { GitHub = "self-hosted", GitLabTags = ["shipgate"], JenkinsLabel = "shipgate" })
        .Stage("ci-files", stage => stage.Runs("GenerateCi").With("--check-ci"))
        .Stage("rehearsal", stage => stage.Runs("Deploy").With("--environment", "local").ForPullRequestsOnly().Needs("ci-files"))
        .Stage("staging", stage => Deploy(stage, "staging").Needs("ci-files"))
        .Stage("production", stage => Deploy(stage, "production").Needs("staging"));

    private static CiStage Deploy(CiStage stage, string environment) => stage
        .Runs("Deploy")
        .With("--environment", environment)
        .Deploys(environment)
        .Secrets("REGISTRY_PASSWORD", "PROMETHEUS_TOKEN")
        .Variables($"{environment.ToUpperInvariant()}_DOCKER_HOST", "REGISTRY_HOST", "REGISTRY_USERNAME", $"{environment.ToUpperInvariant()}_PROMETHEUS_URL")
        .TestResults("artifacts/reports/junit.xml")
        .Summary("artifacts/reports/summary.md");

    private Target GenerateCi => _ => _
        .Description("Writes the CI files from build/Build.CI.cs (--check-ci: only compares them)")
        .Executes(() =>
        {
            var files = CiFiles.Generate(this, Pipeline);
            if (CheckCi)
                CiFiles.ThrowIfStale(RootDirectory, files);
            else
                CiFiles.Write(RootDirectory, files);
        });
}
