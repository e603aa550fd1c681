namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// One deployed version that Prometheus scrapes. Service, version and environment become target labels:
/// the service itself does not know them, so every query tells versions apart by these labels.
/// </summary>
/// <param name="Service">The service label.</param>
/// <param name="Version">The version label.</param>
/// <param name="Environment">The environment label.</param>
/// <param name="Address">host:port of the instance, loopback only (e.g. <c>127.0.0.1:8081</c>).</param>
public sealed record ScrapeTarget(string Service, string Version, string Environment, string Address)
{
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>Checks the fields a Prometheus label or target needs, naming the bad one.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("Service", Service), ("Version", Version), ("Environment", Environment) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"Scrape target {Address}: {name} is empty.", nameof(ScrapeTarget));
            }
        }

        LoopbackGuard.Require(new Uri("http://" + Address), $"{nameof(ScrapeTarget)}.{nameof(Address)}");
        if (!Uri.TryCreate("http://" + Address, UriKind.Absolute, out var uri) || uri.IsDefaultPort || uri.AbsolutePath != "/")
        {
            throw new ArgumentException($"Scrape target address '{Address}' must be host:port.", nameof(ScrapeTarget));
        }

        if (!MetricsPath.StartsWith('/'))
        {
            throw new ArgumentException($"Scrape target {Address}: metrics path '{MetricsPath}' must start with '/'.", nameof(ScrapeTarget));
        }
    }
}
