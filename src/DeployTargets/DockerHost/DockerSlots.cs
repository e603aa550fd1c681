using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// Pure: behind a router the service's port belongs to the router's frontend, and each release listens on its own
/// port, the service's + 1 or + 2 (as Swarm replicas use the port + their slot). Two slots are enough: at most the
/// serving release and the one replacing it (or the one kept warm to roll back to) run at once. A canary's concurrent
/// baseline (<see cref="ConcurrentBaseline"/>) has a port of its own, + 3, so it never takes a release's slot.
/// </summary>
internal static class DockerSlots
{
    public const int Count = 2;

    /// <summary>The port of a canary's concurrent baseline: after the releases' slots.</summary>
    public static int BaselinePort(int servicePort) => servicePort + Count + 1;

    /// <summary>The highest port the service's instances may listen on with these router options.</summary>
    public static int Highest(int servicePort, DockerRouterOptions router) =>
        router.Strategy == ReleaseStrategy.Canary && router.CanaryBaseline == CanaryBaseline.Concurrent ? BaselinePort(servicePort) : servicePort + Count;

    /// <summary>The first slot port no running instance holds (the serving release's, the warm one's).</summary>
    public static int FreePort(int servicePort, IEnumerable<int?> portsInUse)
    {
        var used = portsInUse.OfType<int>().ToHashSet();
        for (var slot = 1; slot <= Count; slot++)
            if (!used.Contains(servicePort + slot)) return servicePort + slot;
        throw new DeployTargetException(DeployErrorKind.PortInUse,
            $"both release ports of the service ({servicePort + 1}, {servicePort + 2}) are held by running releases; promote or roll back first");
    }
}
