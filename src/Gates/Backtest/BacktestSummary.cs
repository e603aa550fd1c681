using System.Globalization;

namespace Shipgate.Gates.Backtest;

/// <summary>
/// The replayed releases in figures: how many healthy ones the gates would have rolled back, how many known bad
/// ones they would have caught and how fast.
/// </summary>
public sealed record BacktestSummary(IReadOnlyList<BacktestOutcome> Outcomes)
{
    public IReadOnlyList<BacktestOutcome> Healthy => [.. Outcomes.Where(o => o.Replayed && !o.Release.KnownBad)];

    public IReadOnlyList<BacktestOutcome> Bad => [.. Outcomes.Where(o => o.Replayed && o.Release.KnownBad)];

    public int FalseRollbacks => Healthy.Count(o => o.RolledBack);

    public int Caught => Bad.Count(o => o.RolledBack);

    /// <summary>The median time from deploy to the rollback of the known bad releases that were caught; null when none was.</summary>
    public TimeSpan? MedianTimeToCatch
    {
        get
        {
            var times = Bad.Where(o => o.RolledBack).Select(o => o.TimeToDecision!.Value).Order().ToList();
            return times.Count == 0 ? null
                : times.Count % 2 == 1 ? times[times.Count / 2]
                : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        }
    }

    /// <summary>True when no healthy release would have been rolled back and every known bad one would have been.</summary>
    public bool Trustworthy => FalseRollbacks == 0 && Caught == Bad.Count;

    public IEnumerable<string> Lines()
    {
        foreach (var o in Outcomes)
        {
            var what = string.Create(CultureInfo.InvariantCulture,
                $"{o.Release.Version} at {o.Release.DeployedAt:u} vs {o.Release.BaselineVersion ?? "no baseline"} ({(o.Release.KnownBad ? "known bad" : "healthy")})");
            yield return o.Result is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"{what}: {r.Verdict} -> {r.Action} after {o.TimeToDecision!.Value.TotalSeconds:0}s; {string.Join("; ", r.Reasons)}")
                : $"{what}: not replayed: {o.Skipped}";
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"healthy releases rolled back: {FalseRollbacks} of {Healthy.Count}; known bad releases caught: {Caught} of {Bad.Count}{(MedianTimeToCatch is { } t ? $", median {t.TotalSeconds:0}s after the deploy" : "")}; not replayed: {Outcomes.Count(o => !o.Replayed)}");
    }
}
