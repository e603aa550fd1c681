using System.Net;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// A service on one Docker engine. It runs with host networking and listens on <see cref="Port"/> (passed to it as
/// PORT), so only one release serves at a time; the previous one is kept stopped until the release is promoted.
/// </summary>
public sealed record DockerTargetOptions(string Service, string Environment, int Port)
{
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>HTTP endpoint that answers 2xx when healthy; null to rely on the image's HEALTHCHECK.</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>How long a new release may take to become healthy before it is rolled back.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public ResourceLimits Resources { get; init; } = new();

    /// <summary>Docker restart policy: no, on-failure, always, unless-stopped. A restart during the health wait counts as a crash loop.</summary>
    public string RestartPolicy { get; init; } = "unless-stopped";

    /// <summary>Overrides the image's CMD.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Credentials to pull from the registry; the password is never logged.</summary>
    public RegistryCredentials? RegistryCredentials { get; init; }

    /// <summary>How long to wait for another deploy of the same service and environment; zero refuses at once.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>Grace period for a stopping container before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public EngineConnection Engine { get; init; } = EngineConnection.Local;

    /// <summary>
    /// The address the service binds PORT on (the sample and the test service bind 127.0.0.1). Before a new release
    /// starts, the target checks that this very address is free on an engine on this host; a listener on another
    /// address of the same port does not block a deploy.
    /// </summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The traffic router in front of the service; null (the default): no router, each release replaces the previous
    /// one on <see cref="Port"/> (<see cref="ReleaseStrategy.Direct"/>).
    /// </summary>
    public DockerRouterOptions? Router { get; init; }

    /// <summary>The strategy a deploy uses: the router's, or <see cref="ReleaseStrategy.Direct"/> without one.</summary>
    public ReleaseStrategy Strategy => Router?.Strategy ?? ReleaseStrategy.Direct;

    /// <summary>The same options for one instance on its own port (behind a router): its PORT, health URL and listener check.</summary>
    internal DockerTargetOptions ForInstance(int port) => this with
    {
        Port = port,
        HealthUrl = HealthUrl is null ? null : new UriBuilder(HealthUrl) { Port = port }.Uri,
    };

    internal void Validate()
    {
        var target = $"Docker target {Service}/{Environment}";
        ServiceOptions.Validate(target, Service, Environment, Port, Resources);
        ServiceOptions.RequirePositive(target, nameof(HealthTimeout), HealthTimeout);
        if (RestartPolicy is not ("no" or "on-failure" or "always" or "unless-stopped"))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: RestartPolicy '{RestartPolicy}' is not one of no, on-failure, always, unless-stopped.");
        if (Router is null) return;
        if (Router.Strategy == ReleaseStrategy.Canary && CanaryPlan.Problem(Router.CanarySteps) is { } badSteps)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: the canary's steps: {badSteps}.");
        if (Router.Strategy == ReleaseStrategy.Canary && CanaryBaselines.Problem(Router.CanarySteps, Router.CanaryBaseline) is { } badBaseline)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: the canary's steps: {badBaseline}.");
        if (Router.Strategy == ReleaseStrategy.Direct)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"{target}: a router is configured, so the strategy is allAtOnce, blueGreen or canary, not direct (leave the router out for a direct replacement).");
        if (DockerSlots.Highest(Port, Router) > 65535)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: behind a router the releases listen on {Port} + 1 and + 2 (and a concurrent baseline on + 3), above 65535.");
        ServiceOptions.RequirePositive(target, nameof(Router.DrainTimeout), Router.DrainTimeout);
        if (Router.PreviewRequests < 1)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: PreviewRequests must be at least 1.");
    }
}
