namespace Shipgate.LocalStack.Monitoring;

public enum ReleaseEventKind
{
    Deploy,
    Promote,
    Rollback,
}

/// <summary>
/// A release milestone the dashboard draws as an annotation. It reaches Prometheus as a recording rule
/// (<c>shipgate_release_event</c>, value = the event's Unix time), so the deploy flow needs no extra process.
/// </summary>
public sealed record ReleaseEvent(
    ReleaseEventKind Kind, string Service, string Environment, string Version, string ReleaseId, DateTimeOffset Time)
{
    public const string MetricName = "shipgate_release_event";
}
