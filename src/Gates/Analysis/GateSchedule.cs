namespace Shipgate.Gates.Analysis;

/// <summary>
/// When a gate is measured: first after <see cref="InitialDelay"/>, then every <see cref="Interval"/>,
/// <see cref="Count"/> times in all, or as many times as fit in <see cref="Duration"/> (both ends included).
/// </summary>
public sealed record GateSchedule(TimeSpan Interval, int? Count = null, TimeSpan? Duration = null, TimeSpan InitialDelay = default)
{
    public static GateSchedule Default { get; } = new(TimeSpan.FromSeconds(30), Count: 5);

    /// <summary>How many measurements the gate takes.</summary>
    public int MeasurementCount => Count ?? (Duration is { } duration && Interval > TimeSpan.Zero
        ? (int)(duration.Ticks / Interval.Ticks) + 1
        : 1);

    /// <summary>When measurement number <paramref name="index"/> (0-based) is due, counted from the analysis start.</summary>
    public TimeSpan DueAfter(int index) => InitialDelay + (Interval * index);

    /// <summary>The first broken rule, or null when the schedule makes sense.</summary>
    public string? Problem() =>
        Interval <= TimeSpan.Zero ? "interval must be positive"
        : InitialDelay < TimeSpan.Zero ? "initialDelay must not be negative"
        : Count is < 1 ? "count must be 1 or more"
        : Count is not null && Duration is not null ? "give count or duration, not both"
        : Duration is { } d && d < TimeSpan.Zero ? "duration must not be negative"
        : null;
}
