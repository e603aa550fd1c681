namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// Everything the local stack's monitoring files are generated from: one service, the versions being
/// scraped, alert thresholds and the release events to annotate.
/// </summary>
public sealed record MonitoringSpec
{
    public const string DefaultPrometheusFile = "prometheus.yml";
    public const string DefaultAlertsFile = "alerts.yml";
    public const string DefaultReleaseEventsFile = "release-events.yml";
    public const string DefaultDashboardFile = "grafana-dashboard.json";

    public required string Service { get; init; }

    public required string Environment { get; init; }

    /// <summary>One target per deployed version (and per replica).</summary>
    public IReadOnlyList<ScrapeTarget> Targets { get; init; } = [];

    /// <summary>The local stack scrapes every second so gates decide within seconds (docs/architecture.md, "The embedded stack").</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromSeconds(1);

    public AlertThresholds Alerts { get; init; } = new();

    /// <summary>Newest last; only the most recent <see cref="MaxReleaseEvents"/> are kept as rules.</summary>
    public IReadOnlyList<ReleaseEvent> ReleaseEvents { get; init; } = [];

    public int MaxReleaseEvents { get; init; } = 50;

    /// <summary>host:port of an Alertmanager that notifies the administrator; none on the bare local stack.</summary>
    public string? AlertmanagerAddress { get; init; }

    /// <summary>The sample service as the committed deploy/ files describe it: version 1 on 127.0.0.1:8080.</summary>
    public static MonitoringSpec Sample { get; } = new()
    {
        Service = "modelservice",
        Environment = "local",
        Targets = [new ScrapeTarget("modelservice", "1", "local", "127.0.0.1:8080")],
    };

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Service) || string.IsNullOrWhiteSpace(Environment))
        {
            throw new ArgumentException("Monitoring spec: Service and Environment must be set.", nameof(MonitoringSpec));
        }

        if (ScrapeInterval <= TimeSpan.Zero || EvaluationInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("Monitoring spec: ScrapeInterval and EvaluationInterval must be positive.", nameof(MonitoringSpec));
        }

        foreach (var target in Targets)
        {
            target.Validate();
        }

        var duplicate = Targets.GroupBy(t => t.Address).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Monitoring spec: address {duplicate.Key} is listed for more than one target.", nameof(MonitoringSpec));
        }

        Alerts.Validate();
    }
}
