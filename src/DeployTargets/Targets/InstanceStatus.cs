namespace Shipgate.DeployTargets.Targets;

/// <summary>One running unit of a release: a container, or a Swarm task.</summary>
public sealed record InstanceStatus(string Id, string State, string? Health, string? Message)
{
    /// <summary>How often the engine restarted it (Docker's restart policy); 0 for a Swarm task, which is replaced instead.</summary>
    public long RestartCount { get; init; }

    /// <summary>
    /// When the engine last started it; a change means it was restarted, also when RestartCount does not say so (an
    /// engine restart stops and starts its containers). Null for a Swarm task.
    /// </summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Behind a traffic router: the port the instance listens on (its own); null when it is the service's port.</summary>
    public int? Port { get; init; }
}
