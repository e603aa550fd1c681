using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// A replicated Swarm service (named SERVICE-ENVIRONMENT) on host networking. Each task gets PORT and
/// SHIPGATE_TASK_SLOT (1..replicas); on one node the replicas must listen on PORT + slot. Health is the
/// image's HEALTHCHECK, which Swarm waits for before a task counts as running. Behind a router (<see cref="Router"/>)
/// each release is a service of its own and the router's frontend holds PORT.
/// </summary>
public sealed record SwarmTargetOptions(string Service, string Environment, int Port)
{
    public int Replicas { get; init; } = 4;
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();
    public SwarmUpdateSettings Update { get; init; } = new();

    /// <summary>How long the service may take to converge on a release before it is rolled back.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public ResourceLimits Resources { get; init; } = new();
    public RegistryCredentials? RegistryCredentials { get; init; }
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;
    public EngineConnection Engine { get; init; } = EngineConnection.Local;

    /// <summary>
    /// The traffic router in front of the service (the same options as a Docker service's: runtime socket, backend,
    /// strategy, canary steps); null: one service updated in place by Swarm's rolling update. Behind it each release is
    /// its own service, SERVICE-ENVIRONMENT-RELEASEID, whose tasks listen on a block of ports above PORT that no other
    /// release holds, one router server per task.
    /// </summary>
    public DockerRouterOptions? Router { get; init; }

    public string ServiceName => $"{Service}-{Environment}";

    internal void Validate()
    {
        var target = $"Swarm target {ServiceName}";
        ServiceOptions.Validate(target, Service, Environment, Port, Resources);
        ServiceOptions.RequirePositive(target, nameof(HealthTimeout), HealthTimeout);
        if (Replicas is < 1 or > 100)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Replicas = {Replicas} is out of range 1-100.");
        if (Update.Parallelism < 0)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Update.Parallelism = {Update.Parallelism} must be 0 (all) or more.");
        if (Update.FailureAction is not ("pause" or "continue" or "rollback"))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Update.FailureAction '{Update.FailureAction}' is not one of pause, continue, rollback.");
        // A release's own service adds "-" and its release id (26 characters) to the name; Swarm takes up to 63.
        if (Router is not null && ServiceName.Length > 63 - 27)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: behind a router the service name '{ServiceName}' must be at most {63 - 27} characters (each release's service adds its release id).");
        if (Update.Order is not ("stop-first" or "start-first"))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Update.Order '{Update.Order}' is not one of stop-first, start-first.");
    }
}
