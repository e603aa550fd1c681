namespace Shipgate.DeployTargets.Targets;

/// <summary>What runs a service's releases: one container on a Docker engine, or a replicated Swarm service.</summary>
public enum DeployPlatform
{
    Docker,
    Swarm,
}
