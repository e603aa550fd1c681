using Shipgate.Gates.Analysis;

namespace Shipgate.Gates.Backtest;

/// <summary>The analysis's clock moved to a past instant: waiting moves it on at once, since the data is already there.</summary>
public sealed class ReplayClock(DateTimeOffset start) : IAnalysisClock
{
    public DateTimeOffset Now { get; private set; } = start;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay > TimeSpan.Zero)
            Now += delay;
        return Task.CompletedTask;
    }
}
