namespace Shipgate.Cli.Tests;

/// <summary>
/// The shared Prometheus fixture (<see cref="ScrapedServices"/>) with the CLI's services: healthy, errors (v2
/// fails 8% of requests) and idle, each as v1 and v2. Ready when every target's series cover the gates' 10 s window.
/// </summary>
public sealed class CliStackFixture : IAsyncLifetime
{
    private ScrapedServices? _services;

    internal Uri PrometheusUrl => _services!.Server.Url;

    public async Task InitializeAsync()
    {
        var versions = from service in new[] { "healthy", "errors", "idle" }
                       from version in new[] { "v1", "v2" }
                       select (service, version, (Action<SimulatedService>)(s =>
                       {
                           if (service == "errors" && version == "v2")
                               s.ErrorRate = 0.08;
                           if (service == "idle")
                               s.RequestsPerSecond = 0;
                       }));
        _services = await ScrapedServices.StartAsync(versions, TimeSpan.FromSeconds(11)).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        _services?.Dispose();
        return Task.CompletedTask;
    }
}
