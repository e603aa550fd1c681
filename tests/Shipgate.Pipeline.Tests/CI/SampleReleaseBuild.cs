using Shipgate.Pipeline.CI;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// A build shaped like a user's release, with the relations of this repository's build and the release component:
/// Lint and Test gate the image, Up prepares the runner, Deploy pulls in Push and triggers its summary; production is gated.
/// </summary>
internal sealed class SampleReleaseBuild : ShipgateBuild
{
    public string? Environment { get; set; }

    public Target Restore => _ => _.Executes(() => { });

    public Target Compile => _ => _.DependsOn(Restore).Executes(() => { });

    public Target Lint => _ => _.DependsOn(Restore).WhenSkipped(DependencyBehavior.Skip).Executes(() => { });

    public Target Test => _ => _.DependsOn(Compile).After(Lint).WhenSkipped(DependencyBehavior.Skip).Executes(() => { });

    public Target Up => _ => _.Executes(() => { });

    public Target Image => _ => _.DependsOn(Lint, Test, Up).Executes(() => { });

    public Target Push => _ => _.DependsOn(Image, Up).Executes(() => { });

    public Target Deploy => _ => _
        .DependsOn(Push, Up)
        .Triggers(Verify)
        .RequiresApproval("production", () => Environment, "alice", "release-managers")
        .Executes(() => { });

    public Target Verify => _ => _.Executes(() => { });

    public Target ResumeCanary => _ => _
        .Triggers(Verify)
        .RequiresApproval("production", () => Environment, "alice", "release-managers")
        .Executes(() => { });

    public Target Promote => _ => _.Executes(() => { });

    public Target Rollback => _ => _.Executes(() => { });

    public Target ReleaseSummary => _ => _.TriggeredBy(Deploy).After(Verify).AssuredAfterFailure().Executes(() => { });

    private static readonly CiRunner Deployer = new() { GitHub = "self-hosted", GitLabTags = ["deploy"], JenkinsLabel = "deploy" };

    public static CiPipeline Pipeline => CiPipeline.Named("release")
        .OnPushTo("main")
        .OnPullRequestTo("main")
        .DeployFrom("main")
        .RunsOn(new CiRunner { GitHubSetup = ["sudo scripts/install-prerequisites.sh"], GitLabTags = ["build"], JenkinsLabel = "build" })
        .EveryJobRuns("Up")
        .Stage("lint", s => s.Runs("Lint"))
        .Stage("test", s => s.Runs("Test").TestResults("artifacts/test-results/*.junit.xml"))
        .Stage("rehearsal", s => s.Runs("Deploy", "Verify").With("--environment", "local").ForPullRequestsOnly().Needs("test")
            .TestResults("artifacts/reports/junit.xml").Summary("artifacts/reports/summary.md"))
        .Stage("build-image", s => s.Runs("Image", "Push").With("--version", CiValue.CommitSha).Needs("test").On(Deployer)
            .Secrets("REGISTRY_USERNAME", "REGISTRY_PASSWORD").Variables("REGISTRY_HOST").Produces("artifacts/image"))
        .Stage("staging", s => s.Runs("Deploy", "Verify").With("--environment", "staging").Deploys("staging").On(Deployer)
            .Secrets("PROMETHEUS_TOKEN").Variables("STAGING_DOCKER_HOST").TestResults("artifacts/reports/junit.xml").Summary("artifacts/reports/summary.md"))
        .Stage("production", s => s.Runs("Deploy", "Verify").With("--environment", "production").Deploys("production", "https://example.test").On(Deployer)
            .Secrets("PROMETHEUS_TOKEN").Variables("PRODUCTION_DOCKER_HOST").TestResults("artifacts/reports/junit.xml").Summary("artifacts/reports/summary.md"))
        .Operation("rollback-production", s => s.Runs("Rollback").With("--environment", "production").Deploys("production").On(Deployer));

    /// <summary>With the job of a canary held in production until approved, after the production deploy (as build/Build.CI.cs adds it).</summary>
    public static CiPipeline PipelineWithCanaryResume => Pipeline
        .Stage("production-canary", s => s.Runs("ResumeCanary", "Verify").With("--environment", "production").Deploys("production", "https://example.test").On(Deployer)
            .Secrets("PROMETHEUS_TOKEN").Variables("PRODUCTION_DOCKER_HOST").TestResults("artifacts/reports/junit.xml").Summary("artifacts/reports/summary.md"));
}
