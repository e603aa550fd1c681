namespace Shipgate.Build;

/// <summary>Where <c>Deploy</c> puts the service: one Docker engine, or a Docker Swarm service with replicas.</summary>
internal enum DeployTargetKind
{
    Docker,
    Swarm,
}
