using Shipgate.Gates.Model;

namespace Shipgate.Gates.Backtest;

/// <summary>What the gates would have decided for one past release, or why it could not be replayed.</summary>
public sealed record BacktestOutcome(BacktestRelease Release, AnalysisResult? Result, string? Skipped = null)
{
    public bool Replayed => Result is not null;

    public bool RolledBack => Result?.Action == ReleaseAction.Rollback;

    /// <summary>From the assumed deploy to the verdict.</summary>
    public TimeSpan? TimeToDecision => Result is { } r ? r.FinishedAt - r.StartedAt : null;
}
