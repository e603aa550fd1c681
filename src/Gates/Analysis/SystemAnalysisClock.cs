namespace Shipgate.Gates.Analysis;

/// <summary>Wall-clock time and real waiting.</summary>
public sealed class SystemAnalysisClock : IAnalysisClock
{
    public static SystemAnalysisClock Instance { get; } = new();

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
}
