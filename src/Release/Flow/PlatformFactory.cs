using Serilog;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Flow;

/// <summary>From a release's settings to its engine connection and its deploy platform (Docker or Swarm).</summary>
public static class PlatformFactory
{
    public static EngineConnection EngineOf(ReleaseSettings settings, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tls = settings.Environment.EngineTls;
        return new EngineConnection(settings.Engine)
        {
            Tls = tls is null ? null : new EngineTls(
                Path.GetFullPath(tls.CaCertificate, rootDirectory),
                Path.GetFullPath(tls.ClientCertificate, rootDirectory),
                Path.GetFullPath(tls.ClientKey, rootDirectory)),
        };
    }

    public static RegistryCredentials? CredentialsOf(ReleaseSettings settings) =>
        settings.RegistryUsername is { } user ? new RegistryCredentials(user, settings.RegistryPassword ?? "") : null;

    /// <summary>The router in front of a Docker or Swarm service, when the environment names one (the strategy defaults to allAtOnce there).</summary>
    public static DockerRouterOptions? RouterOf(ReleaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.RouterSocket is null ? null : new DockerRouterOptions(RuntimeApiEndpoint.Parse(settings.RouterSocket), settings.RouterBackend)
        {
            Strategy = settings.Strategy == ReleaseStrategy.Direct ? ReleaseStrategy.AllAtOnce : settings.Strategy,
            HealthCheck = new HaproxyHealthCheck(settings.Service.HealthPath),
            CanarySteps = settings.Environment.CanarySteps ?? CanaryPlan.Default,
            CanaryBaseline = settings.Environment.CanaryBaseline,
        };
    }

    public static IDeployTarget Create(ReleaseSettings settings, EngineConnection engine, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var service = settings.Service;
        return settings.Platform switch
        {
            PlatformKind.Swarm => new DockerSwarmTarget(new SwarmTargetOptions(service.Name, settings.Environment.Name, settings.Port)
            {
                Replicas = settings.Replicas,
                EnvironmentVariables = service.EnvironmentVariables,
                Engine = engine,
                RegistryCredentials = CredentialsOf(settings),
                Router = RouterOf(settings),
            }, log),
            _ => new DockerTarget(new DockerTargetOptions(service.Name, settings.Environment.Name, settings.Port)
            {
                EnvironmentVariables = service.EnvironmentVariables,
                HealthUrl = new Uri(settings.ServiceUri, service.HealthPath),
                Engine = engine,
                RegistryCredentials = CredentialsOf(settings),
                Router = RouterOf(settings),
            }, log),
        };
    }
}
