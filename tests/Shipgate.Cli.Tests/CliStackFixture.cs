using Shipgate.Gates.Tests.Integration;

namespace Shipgate.Cli.Tests;

/// <summary>
/// A real Prometheus on 127.0.0.1:19095 scraping a test exporter on 19101 (ports apart from the Gates
/// tests, which may run at the same time): services healthy, errors (v2 fails 8% of requests) and idle.
/// </summary>
public sealed class CliStackFixture : IAsyncLifetime
{
    private readonly List<IDisposable> _parts = [];

    internal Uri PrometheusUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var exporter = new TestExporter(19101);
        _parts.Add(exporter);
        var jobs = "";
        var seed = 100;
        foreach (var service in new[] { "healthy", "errors", "idle" })
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

        var server = PrometheusServer.Start(19095, jobs);
        _parts.Add(server);
        PrometheusUrl = server.Url;
        await Task.Delay(TimeSpan.FromSeconds(12)).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        foreach (var part in Enumerable.Reverse(_parts))
            part.Dispose();
        return Task.CompletedTask;
    }
}
