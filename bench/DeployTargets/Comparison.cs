namespace Shipgate.Bench.DeployTargets;

/// <summary>One measured step (e.g. "Docker deploy") with Shipgate's and the CLI's durations from the same run.</summary>
internal sealed record Comparison(string Step, IReadOnlyList<TimeSpan> Shipgate, IReadOnlyList<TimeSpan> Cli)
{
    public TimeSpan ShipgateMedian => Median(Shipgate);
    public TimeSpan CliMedian => Median(Cli);
    public double Ratio => ShipgateMedian.TotalMilliseconds / CliMedian.TotalMilliseconds;

    private static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
