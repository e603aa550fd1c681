namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// How a release moves traffic from the serving version to the new one. Without a traffic router only
/// <see cref="Direct"/> exists: the new container replaces the old one on the service's port.
/// </summary>
public enum ReleaseStrategy
{
    /// <summary>No router: the previous container is stopped and the new one takes the service's port (requests fail in between).</summary>
    Direct,

    /// <summary>Behind the router: the new version starts on its own port, is health-checked, then takes all the traffic; the old one is drained.</summary>
    AllAtOnce,

    /// <summary>Behind the router: the new version waits at weight 0, is verified with preview traffic sent to it alone, then the router switches.</summary>
    BlueGreen,

    /// <summary>Behind the router, beside the serving version, step by step (<see cref="CanaryStep"/>): weights, analyses, pauses, then all the traffic.</summary>
    Canary,
}

/// <summary>The strategies' names as files, parameters and the ledger write them: direct, allAtOnce, blueGreen, canary.</summary>
public static class ReleaseStrategies
{
    public static string Name(this ReleaseStrategy strategy) => strategy switch
    {
        ReleaseStrategy.AllAtOnce => "allAtOnce",
        ReleaseStrategy.BlueGreen => "blueGreen",
        ReleaseStrategy.Canary => "canary",
        _ => "direct",
    };

    /// <summary>The strategy a name means (case-insensitive); null for an unknown name.</summary>
    public static ReleaseStrategy? Parse(string? name) =>
        Enum.GetValues<ReleaseStrategy>().Where(s => string.Equals(s.Name(), name, StringComparison.OrdinalIgnoreCase)).Select(s => (ReleaseStrategy?)s).FirstOrDefault();

    /// <summary>Whether the strategy needs a traffic router in front of the service.</summary>
    public static bool NeedsRouter(this ReleaseStrategy strategy) => strategy != ReleaseStrategy.Direct;
}
