using System.Globalization;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Release.Components;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Flow;

/// <summary>
/// Pure: everything one release needs, merged once from the command line (wins), the environments file and the
/// service's defaults. The embedded stack supplies what a local environment leaves out.
/// </summary>
public sealed record ReleaseSettings(ReleaseService Service, ReleaseEnvironment Environment)
{
    public const string EmbeddedRegistry = "127.0.0.1:5000";

    public static readonly Uri EmbeddedPrometheus = new("http://127.0.0.1:9090");

    public static readonly Uri LocalEngine = new("unix:///var/run/docker.sock");

    public required PlatformKind Platform { get; init; }

    /// <summary>Whether --platform or the environments file said the platform; if not, the ledger's record decides.</summary>
    public bool PlatformGiven { get; init; }

    public required int Replicas { get; init; }

    public required int Port { get; init; }

    public required Uri Engine { get; init; }

    public required string Registry { get; init; }

    public required Uri Prometheus { get; init; }

    public string? RegistryUsername { get; init; }

    public string? RegistryPassword { get; init; }

    public string? PrometheusToken { get; init; }

    public InconclusivePolicy? Policy { get; init; }

    public required string GatesFile { get; init; }

    /// <summary>How the release moves the traffic: the --strategy parameter, else the environment's, else <see cref="ReleaseStrategy.Direct"/>.</summary>
    public ReleaseStrategy Strategy { get; init; }

    /// <summary>The HAProxy runtime socket in front of the service; null: no router (a direct replacement).</summary>
    public string? RouterSocket { get; init; }

    /// <summary>Up starts Shipgate's own HAProxy in front of the service (<c>router: { embedded: true }</c> on a local environment).</summary>
    public bool UsesEmbeddedRouter => Environment.IsLocal && Environment.RouterEmbedded;

    /// <summary>The router's backend the releases join: the environment's, else the service's name.</summary>
    public string RouterBackend => Environment.RouterBackend ?? Service.Name;

    public required (double Start, double End)? TrafficRate { get; init; }

    /// <summary>The engine, registry and Prometheus are the ones Up starts on this machine (each may be overridden).</summary>
    public bool UsesEmbeddedEngine => Environment.IsLocal && Engine == LocalEngine;

    public bool UsesEmbeddedRegistry => Environment.IsLocal && Registry == EmbeddedRegistry;

    public bool UsesEmbeddedPrometheus => Environment.IsLocal && Prometheus == EmbeddedPrometheus;

    /// <summary>The ports the instances listen on: the port for Docker; port + slot for each Swarm replica on this node.</summary>
    public IReadOnlyList<int> InstancePorts => Platform == PlatformKind.Swarm ? Enumerable.Range(Port + 1, Replicas).ToList() : [Port];

    /// <summary>Where health is probed and traffic sent: the first instance on the engine's host.</summary>
    public Uri ServiceUri => new($"http://{EngineHost}:{InstancePorts[0].ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The engine's host: loopback for a local socket, else the tcp:// host (host networking puts the service there).</summary>
    public string EngineHost => Engine.Scheme == "unix" ? "127.0.0.1" : Engine.Host;

    public string Repository => $"{Registry}/{Service.Name}";

    /// <summary>
    /// The runtime socket of the embedded router in front of <paramref name="port"/>: one router per service port on this
    /// machine, under the temporary directory (a unix socket path must stay short, whatever the checkout's path).
    /// </summary>
    public static string EmbeddedRouterSocket(int port) =>
        Path.Combine(Path.GetTempPath(), $"shipgate-router-{port.ToString(CultureInfo.InvariantCulture)}", "admin.sock");

    public static ReleaseSettings Merge(
        ReleaseService service, ReleaseEnvironment environment, IReleaseTargets parameters, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(variables);
        var port = parameters.ServicePortOverride ?? environment.Port ?? service.Port;
        return new ReleaseSettings(service, environment)
        {
            Platform = parameters.PlatformOverride ?? environment.Platform ?? PlatformKind.Docker,
            PlatformGiven = parameters.PlatformOverride is not null || environment.Platform is not null,
            Replicas = parameters.ReplicasOverride ?? environment.Replicas,
            Port = port,
            Engine = parameters.DockerHostOverride ?? environment.Engine ?? LocalEngine,
            Registry = parameters.RegistryOverride ?? environment.Registry ?? EmbeddedRegistry,
            Prometheus = parameters.PrometheusUrlOverride ?? environment.Prometheus ?? EmbeddedPrometheus,
            RegistryUsername = parameters.RegistryUsername ?? environment.RegistryUsername,
            RegistryPassword = parameters.RegistryPassword ?? Secret(environment.RegistryPasswordSecret, variables),
            PrometheusToken = parameters.PrometheusToken ?? Secret(environment.PrometheusTokenSecret, variables),
            Policy = parameters.InconclusivePolicyOverride ?? environment.Policy,
            GatesFile = parameters.GatesFileOverride ?? service.GatesFile,
            Strategy = StrategyOf(parameters.StrategyOverride, environment),
            RouterSocket = environment.RouterSocket ?? (environment.RouterEmbedded ? EmbeddedRouterSocket(port) : null),
            TrafficRate = service.Traffic is null ? null
                : parameters.LoadRate is [var start, var end] ? (start, end)
                : service.Traffic.Rate,
        };
    }

    /// <summary>The strategy asked for; one that needs a router where the environment names none is refused saying so.</summary>
    private static ReleaseStrategy StrategyOf(string? parameter, ReleaseEnvironment environment)
    {
        var strategy = parameter is null ? environment.Strategy ?? ReleaseStrategy.Direct
            : ReleaseStrategies.Parse(parameter) ?? throw new ArgumentException($"--strategy '{parameter}': one of allAtOnce, blueGreen, canary");
        if (strategy.NeedsRouter() && !environment.HasRouter)
            throw new ArgumentException(
                $"--strategy {strategy.Name()}: environment '{environment.Name}' names no router; add 'router: {{ socket: /run/haproxy/admin.sock }}' (or, for a local environment, 'router: {{ embedded: true }}') to it in the environments file");
        return strategy;
    }

    private static string? Secret(string? name, IReadOnlyDictionary<string, string> variables) =>
        name is not null && variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
