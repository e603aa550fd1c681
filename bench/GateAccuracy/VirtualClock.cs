using Shipgate.Gates.Analysis;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>Simulated time for the product's analysis: a wait returns at once and moves the clock by the wait.</summary>
public sealed class VirtualClock(DateTimeOffset start) : IAnalysisClock
{
    public DateTimeOffset Now { get; private set; } = start;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
            Now += delay;
        return Task.CompletedTask;
    }
}
