namespace Shipgate.Testing;

/// <summary>
/// The one Prometheus fixture of the test projects: a <see cref="TestExporter"/> serving simulated service
/// versions and a real <see cref="PrometheusServer"/> scraping each of them every second, both on free loopback
/// ports. <see cref="StartAsync(IEnumerable{ValueTuple{string, string, Action{SimulatedService}}}, TimeSpan)"/> returns when every target's series reach back <c>covered</c>: queries over
/// that window then see whole windows. Test classes wrap it in their own xUnit fixture with their scenarios.
/// </summary>
public sealed class ScrapedServices : IDisposable
{
    private ScrapedServices(TestExporter exporter, PrometheusServer server, IReadOnlyDictionary<(string, string), SimulatedService> versions)
    {
        Exporter = exporter;
        Server = server;
        Versions = versions;
    }

    public TestExporter Exporter { get; }

    public PrometheusServer Server { get; }

    /// <summary>Each simulated version by (service, version), to change its traffic during a test.</summary>
    public IReadOnlyDictionary<(string Service, string Version), SimulatedService> Versions { get; }

    /// <summary>Starts the exporter and Prometheus and waits until the series reach back <paramref name="covered"/>.</summary>
    /// <param name="versions">Each service and version to serve, with how its traffic differs from the default.</param>
    /// <param name="covered">How far back the scraped series must reach before the tests start.</param>
    public static async Task<ScrapedServices> StartAsync(IEnumerable<(string Service, string Version, Action<SimulatedService> Configure)> versions, TimeSpan covered)
    {
        var services = Start(versions);
        try
        {
            await services.WaitForScrapesAsync(covered).ConfigureAwait(false);
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>Starts the exporter and Prometheus without waiting (start other servers on <see cref="Exporter"/>, then wait).</summary>
    public static ScrapedServices Start(IEnumerable<(string Service, string Version, Action<SimulatedService> Configure)> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var exporter = new TestExporter();
        try
        {
            var simulated = new Dictionary<(string, string), SimulatedService>();
            var jobs = "";
            var seed = 1;
            foreach (var (service, version, configure) in versions)
            {
                var one = exporter.Add(service, version, seed++);
                configure(one);
                simulated[(service, version)] = one;
                jobs += exporter.ScrapeJob(service, version);
            }

            return new ScrapedServices(exporter, PrometheusServer.Start(jobs), simulated);
        }
        catch
        {
            exporter.Dispose();
            throw;
        }
    }

    /// <summary>Until every served version's series reach back <paramref name="covered"/>.</summary>
    public Task WaitForScrapesAsync(TimeSpan covered) =>
        Server.WaitForScrapesAsync(Versions.Count, covered, covered + TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        Server.Dispose();
        Exporter.Dispose();
    }
}
