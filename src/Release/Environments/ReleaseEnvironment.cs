using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;

namespace Shipgate.Release.Environments;

/// <summary>
/// Where one environment is: its Docker engine, platform, registry and Prometheus, its policy and approval.
/// Secrets are named (an environment variable or CI secret), never written in the file.
/// </summary>
public sealed record ReleaseEnvironment(string Name)
{
    /// <summary>The embedded stack on this machine (engine, registry, Prometheus on 127.0.0.1, started on demand by Up).</summary>
    public bool IsLocal { get; init; }

    /// <summary>The Docker engine: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:port</c> (with <see cref="EngineTls"/>).</summary>
    public Uri? Engine { get; init; }

    public EngineTlsFiles? EngineTls { get; init; }

    /// <summary><c>docker</c> (one engine) or <c>swarm</c> (a service with replicas); null: what the ledger recorded, else docker.</summary>
    public PlatformKind? Platform { get; init; }

    public int Replicas { get; init; } = 1;

    /// <summary>The service's port on the engine's host (host networking); null: the service's default.</summary>
    public int? Port { get; init; }

    /// <summary>Registry <c>host:port</c> the image is pushed to and pulled from.</summary>
    public string? Registry { get; init; }

    public string? RegistryUsername { get; init; }

    /// <summary>The NAME of the environment variable (CI secret) that holds the registry password.</summary>
    public string? RegistryPasswordSecret { get; init; }

    public Uri? Prometheus { get; init; }

    /// <summary>The NAME of the environment variable (CI secret) that holds Prometheus's bearer token.</summary>
    public string? PrometheusTokenSecret { get; init; }

    /// <summary>CA certificate file that signs Prometheus's TLS certificate.</summary>
    public string? PrometheusCa { get; init; }

    /// <summary>What an inconclusive verification does here; null: the gates file's policy.</summary>
    public InconclusivePolicy? Policy { get; init; }

    /// <summary>How a release moves the traffic behind the router; null: a direct replacement on the port (no router).</summary>
    public ReleaseStrategy? Strategy { get; init; }

    /// <summary>The canary's steps (<c>canary: { steps: [...] }</c>); null: <see cref="CanaryPlan.Default"/>.</summary>
    public IReadOnlyList<CanaryStep>? CanarySteps { get; init; }

    /// <summary>What the canary's analyses compare it with (<c>canary: { baseline: concurrent }</c>); the stable release by default.</summary>
    public CanaryBaseline CanaryBaseline { get; init; }

    /// <summary>The HAProxy runtime socket in front of the service (a path or tcp://host:port); null: no router.</summary>
    public string? RouterSocket { get; init; }

    /// <summary>The router's backend the releases join; null: the service's name.</summary>
    public string? RouterBackend { get; init; }

    /// <summary>
    /// <c>router: { embedded: true }</c> on a local environment: Up starts Shipgate's own HAProxy in front of the service
    /// (its socket is <see cref="Flow.ReleaseSettings.EmbeddedRouterSocket"/>) instead of the environment naming one.
    /// </summary>
    public bool RouterEmbedded { get; init; }

    /// <summary>A router is in front of the service: one the environment names, or the embedded one.</summary>
    public bool HasRouter => RouterSocket is not null || RouterEmbedded;

    /// <summary>Who must approve a deploy here (empty: nobody).</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    public bool RequiresApproval => Approvers.Count > 0;

    /// <summary>The embedded stack, for an environment the file does not describe.</summary>
    public static ReleaseEnvironment Embedded(string name) => new(name) { IsLocal = true };
}

/// <summary>Client certificate files for a Docker engine behind mutual TLS.</summary>
public sealed record EngineTlsFiles(string CaCertificate, string ClientCertificate, string ClientKey);

/// <summary>Where the service runs.</summary>
public enum PlatformKind
{
    Docker,
    Swarm,
}
