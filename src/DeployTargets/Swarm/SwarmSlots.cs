namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// Pure: behind a router the service's port belongs to the router's frontend, and each release is its own Swarm
/// service whose tasks listen on their own ports: PORT (the release's base) + the task's slot, 1..replicas, as a
/// Docker release listens on the service's port + 1 or + 2. A release takes the first block of ports after the
/// service's that no running release holds, so two releases of any replica counts never share a port.
/// </summary>
internal static class SwarmSlots
{
    /// <summary>How far above the service's port a release's block may start: room for two releases of the most replicas.</summary>
    private const int MaxOffset = 200;

    /// <summary>The ports of a release's tasks: base + 1 .. base + replicas.</summary>
    public static IReadOnlyList<int> Ports(int basePort, int replicas) => Enumerable.Range(basePort + 1, replicas).ToList();

    /// <summary>The lowest base at or above the service's port whose block holds none of the ports in use.</summary>
    public static int FreeBase(int servicePort, int replicas, IEnumerable<int> portsInUse)
    {
        var used = portsInUse.ToHashSet();
        for (var basePort = servicePort; basePort <= servicePort + MaxOffset; basePort++)
            if (Ports(basePort, replicas).All(p => !used.Contains(p) && p <= 65535)) return basePort;
        throw new DeployTargetException(DeployErrorKind.PortInUse,
            $"no block of {replicas} free port(s) within {MaxOffset} above the service's port {servicePort}; promote or roll back first");
    }
}
