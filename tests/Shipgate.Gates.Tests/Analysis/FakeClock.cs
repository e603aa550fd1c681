using Shipgate.Gates.Analysis;

namespace Shipgate.Gates.Tests.Analysis;

/// <summary>A clock whose waits return at once and move time forward by the wait.</summary>
internal sealed class FakeClock(DateTimeOffset start) : IAnalysisClock
{
    public DateTimeOffset Now { get; private set; } = start;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
            Now += delay;
        return Task.CompletedTask;
    }
}
