namespace Shipgate.DeployTargets.Targets;

/// <summary>One running unit of a release: a container, or a Swarm task.</summary>
public sealed record InstanceStatus(string Id, string State, string? Health, string? Message);
