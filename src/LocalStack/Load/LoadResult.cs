namespace Shipgate.LocalStack.Load;

/// <summary>What a load run did. Latencies cover every request that got an HTTP answer.</summary>
public sealed record LoadResult(
    int Planned,
    int Sent,
    IReadOnlyDictionary<int, int> StatusCodes,
    int TransportErrors,
    int Dropped,
    bool Cancelled,
    TimeSpan Elapsed,
    LatencySummary Latency)
{
    public int Succeeded => StatusCodes.Where(kv => kv.Key is >= 200 and < 300).Sum(kv => kv.Value);

    public int ServerErrors => StatusCodes.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);

    public double AchievedRate => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;
}

public sealed record LatencySummary(TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max, int Count)
{
    public static LatencySummary Empty { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0);

    /// <summary>Nearest-rank percentiles.</summary>
    public static LatencySummary From(IReadOnlyCollection<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
        {
            return Empty;
        }

        var sorted = latencies.Order().ToArray();
        TimeSpan Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1], sorted.Length);
    }
}
