using Docker.DotNet.Models;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>
/// Reads a service's ledger straight from an engine, without a target and without creating anything (no lock, no
/// container, no service): for a status or for choosing the platform when the user named none.
/// </summary>
public static class ReleaseLedger
{
    /// <summary>The service's releases, newest first; empty when it never deployed on this engine.</summary>
    public static Task<ReleaseHistory> ReadAsync(EngineConnection engine, string service, string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ServiceNames.Validate(service, "Service");
        ServiceNames.Validate(environment, "Environment");
        return new LedgerStore(engine).ReadAsync(service, environment, cancellationToken);
    }

    /// <summary>
    /// The platform the service's releases run on in this environment: what the newest release recorded, else (for
    /// entries written before the ledger recorded it) what the engine runs: release containers mean Docker, a Swarm
    /// service named SERVICE-ENVIRONMENT means Swarm. Null when nothing was ever deployed.
    /// </summary>
    public static async Task<DeployPlatform?> ReadPlatformAsync(EngineConnection engine, string service, string environment,
        CancellationToken cancellationToken = default)
    {
        var history = await ReadAsync(engine, service, environment, cancellationToken).ConfigureAwait(false);
        if (history.RecordedPlatform is { } recorded) return recorded;
        using var client = engine.CreateClient();
        var containers = await EngineErrors.Call(engine, $"listing the containers of {service}/{environment}", () =>
            client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool>
                    {
                        [$"{LedgerLabels.Kind}={ContainerRuntime.ReleaseKind}"] = true,
                        [$"{LedgerLabels.Service}={service}"] = true,
                        [$"{LedgerLabels.Environment}={environment}"] = true,
                    },
                },
            }, cancellationToken)).ConfigureAwait(false);
        if (containers.Count > 0) return DeployPlatform.Docker;
        var info = await EngineErrors.Call(engine, "reading engine info", () => client.System.GetSystemInfoAsync(cancellationToken)).ConfigureAwait(false);
        if (info.Swarm?.ControlAvailable != true) return null;
        var services = await EngineErrors.Call(engine, "listing services", () => client.Swarm.ListServicesAsync(new ServicesListParameters(), cancellationToken)).ConfigureAwait(false);
        return services.Any(s => s.Spec.Name == $"{service}-{environment}") ? DeployPlatform.Swarm : null;
    }
}
