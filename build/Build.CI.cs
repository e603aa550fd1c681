using Shipgate.Pipeline;
using Shipgate.Pipeline.CI;
using Shipgate.Release.Components;

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

    // Pull request code runs on these runners: never where deploys run. A hosted GitHub runner installs what Test and the rehearsal need.
    private static readonly CiRunner Untrusted = new()
    {
        GitHubSetup = ["sudo scripts/install-prerequisites.sh"],
        GitLabTags = ["shipgate"],
        JenkinsLabel = "shipgate",
    };

    // The deploy runners: they reach the environments' engines (with their TLS certificates), registry and Prometheus.
    private static readonly CiRunner Deployer = new()
    {
        GitHub = "self-hosted",
        GitLabTags = ["shipgate-deploy"],
        JenkinsLabel = "shipgate-deploy",
    };

    private static readonly string[] RegistrySecrets = ["REGISTRY_USERNAME", "REGISTRY_PASSWORD"];

    // The runners are provisioned once (scripts/install-prerequisites.sh; on GitHub the setup step): only the test job,
    // whose tests install their own validators, runs the Prerequisites target.
    private static readonly string[] Provisioned = ["Prerequisites"];

    /// <summary>
    /// The pipeline: lint, test, then for pull requests a rehearsal (Deploy Verify on the embedded stack of the runner),
    /// for the deploy branch image + push, staging deploy + verify, approval, production deploy + verify (and, for an
    /// environment whose canary holds until approved, its resume behind the same approval); Promote and Rollback of
    /// each environment by hand.
    /// </summary>
    internal CiPipeline Pipeline
    {
        get
        {
            var pipeline = CiPipeline.Named("release")
                .OnPushTo("main")
                .OnPullRequestTo("main")
                .DeployFrom("main")
                .RunsOn(Untrusted)
                .EveryJobRuns("Up")
                .Stage("lint", stage => stage.Runs("Lint"))
                .Stage("test", stage => stage
                    .Runs("Test")
                    .TestResults("artifacts/test-results/*.junit.xml"))
                .Stage("rehearsal", stage => stage
                    .Runs("Deploy", "Verify")
                    .With("--environment", "local")
                    .With("--version", CiValue.CommitSha)
                    .ForPullRequestsOnly()
                    .Needs("test")
                    .Without(Provisioned)
                    .TestResults("artifacts/reports/junit.xml")
                    .Summary("artifacts/reports/summary.md"))
                // Built on staging's engine, pushed to the registry both environments pull from; never from a pull request.
                .Stage("build-image", stage => stage
                    .Runs("Image", "Push")
                    .With("--environment", "staging")
                    .With("--version", CiValue.CommitSha)
                    .Needs("test")
                    .On(Deployer)
                    .Without(Provisioned)
                    .Secrets(RegistrySecrets)
                    .Variables(EnvironmentVariables("staging"))
                    .Produces("artifacts/image"));
            foreach (var environment in Environments)
            {
                pipeline.Stage(environment, stage => Deploy(stage, environment));
                // A canary held until approved ('pause: {}' in deploy/environments.yaml) goes on in a job of its own:
                // ResumeCanary requires the environment's approval, so the job waits for it as the deploy does.
                if (CanaryResumeCi.HoldsCanary(EnvironmentsFile, environment))
                    pipeline.Stage($"{environment}-canary", stage => Operate(stage, "ResumeCanary", environment)
                        .Runs("Verify")
                        .TestResults("artifacts/reports/junit.xml")
                        .Summary("artifacts/reports/summary.md"));
            }

            foreach (var environment in Environments)
            {
                pipeline
                    .Operation($"promote-{environment}", stage => Operate(stage, "Promote", environment))
                    .Operation($"rollback-{environment}", stage => Operate(stage, "Rollback", environment));
            }

            return pipeline;
        }
    }

    private static readonly string[] Environments = ["staging", "production"];

    private string EnvironmentsFile => Path.Combine(RootDirectory, "deploy", "environments.yaml");

    /// <summary>What deploy/environments.yaml reads for an environment (its ${NAME} values), set as CI variables.</summary>
    private static string[] EnvironmentVariables(string environment)
    {
        var prefix = environment.ToUpperInvariant();
        return [$"{prefix}_DOCKER_HOST", $"{prefix}_DOCKER_CERT_PATH", "REGISTRY_HOST", $"{prefix}_PROMETHEUS_URL"];
    }

    private static CiStage Deploy(CiStage stage, string environment) => stage
        .Runs("Deploy", "Verify")
        .With("--environment", environment)
        .Deploys(environment)
        .On(Deployer)
        .Without(Provisioned)
        .Secrets([.. RegistrySecrets, "PROMETHEUS_TOKEN"])
        .Variables(EnvironmentVariables(environment))
        .TestResults("artifacts/reports/junit.xml")
        .Summary("artifacts/reports/summary.md");

    private static CiStage Operate(CiStage stage, string target, string environment) => stage
        .Runs(target)
        .With("--environment", environment)
        .Deploys(environment)
        .On(Deployer)
        .Without(Provisioned)
        .Secrets([.. RegistrySecrets, "PROMETHEUS_TOKEN"])
        .Variables(EnvironmentVariables(environment));

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
