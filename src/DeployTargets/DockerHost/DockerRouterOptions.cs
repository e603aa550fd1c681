using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// The traffic router in front of a Docker service: an HAProxy's runtime API (Shipgate's own or a user's, level
/// admin) whose backend <see cref="Backend"/> the service's frontend uses. Each release then listens on its own port
/// (the service's port + 1 or + 2, in turn) and the router moves the traffic between them.
/// </summary>
public sealed record DockerRouterOptions(RuntimeApiEndpoint RuntimeApi, string Backend)
{
    public ReleaseStrategy Strategy { get; init; } = ReleaseStrategy.AllAtOnce;

    /// <summary>How long a server that no longer gets new requests may take to finish the ones in flight.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How the router checks each release's instance (HTTP GET of the path, interval, fall, rise).</summary>
    public HaproxyHealthCheck HealthCheck { get; init; } = new();

    /// <summary>The address the router reaches the instances at (host networking: the engine's host).</summary>
    public string InstanceHost { get; init; } = "127.0.0.1";

    /// <summary>Blue-green: how many preview requests the new version must answer (2xx, every one) before the switch.</summary>
    public int PreviewRequests { get; init; } = 20;

    /// <summary>Blue-green: the path the preview requests ask for; null: the health URL's path.</summary>
    public string? PreviewPath { get; init; }

    /// <summary>Canary: the steps (<see cref="CanaryPlan"/>); the canary takes all the traffic after the last one.</summary>
    public IReadOnlyList<CanaryStep> CanarySteps { get; init; } = CanaryPlan.Default;

    /// <summary>
    /// Canary: what its analyses compare it with; <see cref="CanaryBaseline.Concurrent"/> starts a fresh container of
    /// the stable image on the service's port + 3 at the canary's weight for the steps (<see cref="ConcurrentBaseline"/>).
    /// </summary>
    public CanaryBaseline CanaryBaseline { get; init; } = CanaryBaseline.Stable;
}
