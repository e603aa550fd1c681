using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// A replicated Swarm service (named SERVICE-ENVIRONMENT) on host networking. Each task gets PORT and
/// SHIPGATE_TASK_SLOT (1..replicas); on one node the replicas must listen on PORT + slot. Health is the
/// image's HEALTHCHECK, which Swarm waits for before a task counts as running.
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
        if (Update.Order is not ("stop-first" or "start-first"))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Update.Order '{Update.Order}' is not one of stop-first, start-first.");
    }
}
