namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// Pure: turns percentages per group into integer weights per server. A group's percent is split over its servers
/// (replicas), so 10% for a canary of 1 replica against 90% for a stable release of 3 gives weights 1 : 3 : 3 : 3
/// (times a factor: the scale, up to the router's largest weight, that rounds the shares best). A group with a share above 0 keeps at least weight 1 per
/// server; a group at 0 gets 0 (no new requests).
/// </summary>
public static class WeightPlanner
{
    public static WeightPlan Plan(IReadOnlyList<TrafficShare> shares, int maxWeight)
    {
        Validate(shares, maxWeight);
        var largestPerServer = shares.Where(s => s.Servers.Count > 0).Max(s => s.Percent / s.Servers.Count);

        // The largest weight that rounds the shares best (9 : 1 rather than 256 : 28 for 90% : 10%); ties keep the larger.
        WeightPlan? best = null;
        var bestError = double.MaxValue;
        for (var top = maxWeight; top >= 1; top--)
        {
            var plan = Scaled(shares, top / largestPerServer);
            var error = shares.Max(s => Math.Abs(plan.EffectivePercent[s.Group] - s.Percent));
            if (error < bestError - 1e-9)
                (best, bestError) = (plan, error);
        }

        return best!;
    }

    /// <summary>Each server's weight is its share of its group's percent times the scale, at least 1 for a share above 0.</summary>
    private static WeightPlan Scaled(IReadOnlyList<TrafficShare> shares, double scale)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var share in shares)
        {
            var perServer = share.Percent <= 0 ? 0 : Math.Max(1, (int)Math.Round(share.Percent / share.Servers.Count * scale));
            foreach (var server in share.Servers)
                weights[server] = perServer;
        }

        var total = (double)weights.Values.Sum();
        var effective = shares.ToDictionary(
            s => s.Group, s => s.Servers.Sum(server => weights[server]) * 100 / total, StringComparer.Ordinal);
        return new WeightPlan(weights, effective);
    }

    private static void Validate(IReadOnlyList<TrafficShare> shares, int maxWeight)
    {
        if (maxWeight < 1)
            throw new ArgumentOutOfRangeException(nameof(maxWeight), maxWeight, "the router's largest weight must be at least 1");
        foreach (var share in shares)
        {
            if (share.Percent is < 0 or > 100 || double.IsNaN(share.Percent))
                throw new ArgumentException($"group {share.Group}: a share is between 0 and 100 percent, not {share.Percent}", nameof(shares));
            if (share.Percent > 0 && share.Servers.Count == 0)
                throw new ArgumentException($"group {share.Group} has {share.Percent}% of the traffic and no server to take it", nameof(shares));
        }

        var sum = shares.Sum(s => s.Percent);
        if (Math.Abs(sum - 100) > 1e-6)
            throw new ArgumentException($"the shares add up to {sum}%, not 100%", nameof(shares));
        var repeated = shares.SelectMany(s => s.Servers).GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"server {repeated.Key} is in more than one group", nameof(shares));
    }
}
