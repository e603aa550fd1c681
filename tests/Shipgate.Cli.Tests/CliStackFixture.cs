namespace Shipgate.Cli.Tests;

/// <summary>
/// A real Prometheus scraping a test exporter (both on free loopback ports): services healthy, errors (v2 fails
/// 8% of requests) and idle. Ready when every target's series cover the gates' 10 s window.
/// </summary>
public sealed class CliStackFixture : IAsyncLifetime
{
    private readonly List<IDisposable> _parts = [];

    internal Uri PrometheusUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var exporter = new TestExporter();
        _parts.Add(exporter);
        var jobs = "";
        var seed = 100;
        var services = new[] { "healthy", "errors", "idle" };
        foreach (var service in services)
        {
            foreach (var version in new[] { "v1", "v2" })
            {
                var simulated = exporter.Add(service, version, seed++);
                if (service == "errors" && version == "v2")
                    simulated.ErrorRate = 0.08;
                if (service == "idle")
                    simulated.RequestsPerSecond = 0;
                jobs += exporter.ScrapeJob(service, version);
            }
        }

        var server = PrometheusServer.Start(jobs);
        _parts.Add(server);
        PrometheusUrl = server.Url;
        await server.WaitForScrapesAsync(services.Length * 2, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        foreach (var part in Enumerable.Reverse(_parts))
            part.Dispose();
        return Task.CompletedTask;
    }
}
