using Shipgate.Pipeline.CI;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>A build shaped like a user's release: lint, test, image, deploy per environment with production gated.</summary>
internal sealed class SampleReleaseBuild : ShipgateBuild
{
    public string? Environment { get; set; }

    public Target Lint => _ => _.Executes(() => { });

    public Target Test => _ => _.Executes(() => { });

    public Target Image => _ => _.Executes(() => { });

    public Target Push => _ => _.DependsOn(Image).Executes(() => { });

    public Target Deploy => _ => _
        .RequiresApproval("production", () => Environment, "alice", "release-managers")
        .Executes(() => { });

    public Target Verify => _ => _.After(Deploy).Executes(() => { });

    public static CiPipeline Pipeline => CiPipeline.Named("release")
        .OnPushTo("main")
        .OnPullRequestTo("main")
        .DeployFrom("main")
        .Stage("lint", s => s.Runs("Lint"))
        .Stage("test", s => s.Runs("Test").TestResults("artifacts/test-results/*.junit.xml"))
        .Stage("build-image", s => s.Runs("Image", "Push").Secrets("REGISTRY_PASSWORD").Produces("artifacts/image"))
        .Stage("staging", s => s.Runs("Deploy", "Verify").With("--environment", "staging").Deploys("staging")
            .Secrets("PROMETHEUS_TOKEN").TestResults("artifacts/reports/*.junit.xml").Summary("artifacts/reports/*.md"))
        .Stage("production", s => s.Runs("Deploy", "Verify").With("--environment", "production").Deploys("production", "https://example.test")
            .Secrets("PROMETHEUS_TOKEN").TestResults("artifacts/reports/*.junit.xml").Summary("artifacts/reports/*.md"));
}
