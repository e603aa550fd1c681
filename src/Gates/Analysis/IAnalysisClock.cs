namespace Shipgate.Gates.Analysis;

/// <summary>The time source and waiting of an analysis, so decision tests run without waiting.</summary>
public interface IAnalysisClock
{
    DateTimeOffset Now { get; }

    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
