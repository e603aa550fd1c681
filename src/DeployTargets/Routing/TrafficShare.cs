namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// A share of the traffic for one group of servers (the stable release's replicas, the canary's, the baseline's):
/// the group's servers split it equally.
/// </summary>
public sealed record TrafficShare(string Group, double Percent, IReadOnlyList<string> Servers);
