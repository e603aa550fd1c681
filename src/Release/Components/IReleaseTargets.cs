using Shipgate.Gates.Model;
using Shipgate.Pipeline;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Components;

/// <summary>
/// The release as a build component, the way Nuke.Components work: a build class that implements this interface and
/// says what its service is gets the targets below. Its own targets join with the generic relations, e.g.
/// <c>Target Test => _ => _.DependentFor&lt;IReleaseTargets&gt;(x => x.Image)</c>.
/// <code>
/// Up → Image → Push → Deploy → Verify ─┬→ (promoted)
///                                       └→ (rolled back or paused: the build fails)
/// Promote, Rollback, Status, LoadTest, Down also run alone; ResumeCanary (approved) runs a held canary's next steps, then Verify.
/// </code>
/// Where each decision lives: <c>Decisions/ReleasePolicy.cs</c> decides promote, roll back or pause;
/// <c>Flow/ReleaseRunner.cs</c> carries it out; <c>Events/</c> reports it.
/// </summary>
public interface IReleaseTargets : IShipgateBuild
{
    /// <summary>The service this build releases: its name, image, port, health and metrics paths, gates and traffic.</summary>
    ReleaseService Service { get; }

    [Parameter("Environment the release goes to (an entry of the environments file; without the file, the embedded stack)", Name = "environment")]
    string TargetEnvironment => TryGetValue(() => TargetEnvironment) ?? "local";

    [Parameter("Version of the release: image tag, ledger entry and 'version' label of its metrics (default: git describe --tags --always --dirty)", Name = "version")]
    string? ReleaseVersion => TryGetValue(() => ReleaseVersion);

    [Parameter("The gates file Verify runs (default: the service's, deploy/gates.yaml)", Name = "gates")]
    string? GatesFileOverride => TryGetValue(() => GatesFileOverride);

    [Parameter("The environments file (default: deploy/environments.yaml)", Name = "environments-file")]
    string? EnvironmentsFileOverride => TryGetValue(() => EnvironmentsFileOverride);

    [Parameter("What an inconclusive verification does: Rollback or Pause (default: the environment's, else the gates file's)", Name = "inconclusive-policy")]
    InconclusivePolicy? InconclusivePolicyOverride => TryGetValue(() => InconclusivePolicyOverride);

    [Parameter("Where the service runs: Docker (one engine) or Swarm (default: the environment's)", Name = "platform")]
    Environments.PlatformKind? PlatformOverride => TryGetValue(() => PlatformOverride);

    [Parameter("How the release moves the traffic behind the environment's router: allAtOnce, blueGreen or canary (the environment's canary steps); default: the environment's strategy", Name = "strategy")]
    string? StrategyOverride => TryGetValue(() => StrategyOverride);

    [Parameter("Replicas of a Swarm service (default: the environment's)", Name = "replicas")]
    int? ReplicasOverride => TryGetValue(() => ReplicasOverride);

    [Parameter("Port the service listens on (default: the environment's, else the service's)", Name = "service-port")]
    int? ServicePortOverride => TryGetValue(() => ServicePortOverride);

    [Parameter("Docker engine endpoint, e.g. unix:///var/run/docker.sock or tcp://host:2376 (default: the environment's)", Name = "docker-host")]
    Uri? DockerHostOverride => TryGetValue(() => DockerHostOverride);

    [Parameter("Prometheus URL (default: the environment's; the embedded one on 127.0.0.1:9090)", Name = "prometheus-url")]
    Uri? PrometheusUrlOverride => TryGetValue(() => PrometheusUrlOverride);

    [Parameter("Bearer token for Prometheus (default: the environment's tokenSecret variable)", Name = "prometheus-token"), Secret]
    string? PrometheusToken => TryGetValue(() => PrometheusToken);

    [Parameter("Registry host:port images are pushed to (default: the environment's; the embedded one on 127.0.0.1:5000)", Name = "registry")]
    string? RegistryOverride => TryGetValue(() => RegistryOverride);

    [Parameter("Registry user name (default: the environment's)", Name = "registry-username")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("Registry password (default: the environment's passwordSecret variable)", Name = "registry-password"), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("GitHub token; with it (and GITHUB_REPOSITORY) every release is a GitHub deployment with statuses", Name = "github-token"), Secret]
    string? GitHubToken => TryGetValue(() => GitHubToken);

    [Parameter("Deploy a version even though it was rolled back before", Name = "force")]
    bool Force => TryGetValue(() => Force);

    [Parameter("LoadTest alone: how long to send traffic", Name = "load-duration")]
    TimeSpan LoadDuration => TryGetValue<TimeSpan?>(() => LoadDuration) ?? TimeSpan.FromSeconds(60);

    [Parameter("Traffic: requests per second at the start and at the end of the ramp (default: the service's)", Name = "load-rate")]
    double[]? LoadRate => TryGetValue(() => LoadRate);

    Target Up => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Starts what is missing of the embedded stack (Docker engine, registry, Prometheus on 127.0.0.1) for a local environment; reuses what runs")
        .Executes(cancellation => ReleaseFlow.For(this).UpAsync(cancellation)));

    Target Image => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Builds the service's image through the Engine API, tagged with the commit and the version")
        .DependsOn(Up)
        .Executes(cancellation => ReleaseFlow.For(this).ImageAsync(cancellation)));

    Target Push => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Pushes the image to the environment's registry; the digest goes to artifacts/image/image.json")
        .DependsOn(Image, Up)
        .Executes(cancellation => ReleaseFlow.For(this).PushAsync(cancellation)));

    Target Deploy => _ => ReleaseApprovals.Apply(this, ReleaseParameterChecks.Apply(this, _
        .Description("Checks everything first (gates, queries, engine, registry, Prometheus, version), then deploys the pushed image by digest and waits for health")
        .DependsOn(Push, Up)
        .Triggers(Verify)
        .Executes(cancellation => ReleaseFlow.For(this).DeployAsync(cancellation))));

    Target ResumeCanary => _ => ReleaseApprovals.ApplyToResume(this, ReleaseParameterChecks.Apply(this, _
        .Description("Lets a canary held at a 'pause: {}' step go on, with the environment's approval (as Deploy's); its next steps run, then Verify")
        .Triggers(Verify)
        .Executes(cancellation => ReleaseFlow.For(this).ResumeCanaryAsync(cancellation))));

    Target Verify => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Verifies the serving release with the gates, decides (ReleasePolicy) and promotes, rolls back or pauses; fails unless promoted")
        .Executes(cancellation => ReleaseFlow.For(this).VerifyAsync(cancellation)));

    Target Promote => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Promotes a paused (or unverified) release by hand: who approved goes to the ledger")
        .Executes(cancellation => ReleaseFlow.For(this).PromoteAsync(cancellation)));

    Target Rollback => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Returns to the previous verified release by hand (on-call, or a paused release)")
        .Executes(cancellation => ReleaseFlow.For(this).RollbackAsync(cancellation)));

    Target Status => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Prints what serves, what it would roll back to, and the ledger (phases Verifying and Paused included)")
        .Executes(cancellation => ReleaseFlow.For(this).StatusAsync(cancellation)));

    Target LoadTest => _ => ReleaseParameterChecks.Apply(this, _
        .Description("Sends the service's traffic ramp to the serving release (--load-duration, --load-rate FROM TO)")
        .Executes(cancellation => ReleaseFlow.For(this).LoadTestAsync(cancellation)));

    Target ReleaseSummary => _ => _
        .Description("Ends a release that Deploy started, whatever happened: prints what it did and lets the next release in")
        .Unlisted()
        .TriggeredBy(Deploy, ResumeCanary)
        .After(Verify, Promote, Rollback)
        .AssuredAfterFailure()
        .Executes(() => ReleaseFlow.For(this).EndAsync());

    Target Down => _ => _
        .Description("Stops the embedded stack that Up started (Prometheus, registry, Docker engine)")
        .Executes(cancellation => ReleaseFlow.For(this).DownAsync(cancellation));
}
