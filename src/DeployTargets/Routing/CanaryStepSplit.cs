namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// Pure: the split of one canary step. The canary gets its step's weight; with a concurrent baseline (a fresh
/// container of the stable image, Kayenta's recommendation) the baseline gets the same weight, so both are compared
/// on the same traffic at the same time; the stable release takes the rest.
/// </summary>
public static class CanaryStepSplit
{
    public const string Stable = "stable";
    public const string Canary = "canary";
    public const string Baseline = "baseline";

    public static IReadOnlyList<TrafficShare> For(
        double canaryPercent, IReadOnlyList<string> stableServers, IReadOnlyList<string> canaryServers,
        IReadOnlyList<string>? baselineServers = null)
    {
        var withBaseline = baselineServers is { Count: > 0 };
        var baselinePercent = withBaseline && canaryPercent < 100 ? canaryPercent : 0;
        if (canaryPercent + baselinePercent > 100)
            throw new ArgumentException(
                $"a canary at {canaryPercent}% with a baseline at the same weight leaves the stable release {100 - canaryPercent - baselinePercent}%",
                nameof(canaryPercent));

        var shares = new List<TrafficShare>
        {
            new(Stable, 100 - canaryPercent - baselinePercent, stableServers),
            new(Canary, canaryPercent, canaryServers),
        };
        if (withBaseline)
            shares.Add(new TrafficShare(Baseline, baselinePercent, baselineServers!));
        return shares;
    }
}
