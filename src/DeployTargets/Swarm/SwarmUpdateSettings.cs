namespace Shipgate.DeployTargets.Swarm;

/// <summary>Rolling-update settings of a Swarm service (docker service update --update-*).</summary>
public sealed record SwarmUpdateSettings
{
    /// <summary>Tasks replaced at once.</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Pause between batches.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>How long a new task is watched for failure after it starts.</summary>
    public TimeSpan Monitor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>pause, continue or rollback.</summary>
    public string FailureAction { get; init; } = "rollback";

    /// <summary>stop-first (required when replicas share a host port) or start-first.</summary>
    public string Order { get; init; } = "stop-first";
}
