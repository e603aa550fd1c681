namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// The weight of every server for a split of the traffic, and the percent each group really gets with these integer
/// weights (rounding, and the least weight 1 of a group that must get some traffic, move it slightly).
/// </summary>
public sealed record WeightPlan(IReadOnlyDictionary<string, int> Weights, IReadOnlyDictionary<string, double> EffectivePercent);
