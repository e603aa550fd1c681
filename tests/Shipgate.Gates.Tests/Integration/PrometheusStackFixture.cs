using Shipgate.Gates.Providers.Prometheus;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// The real parts for the Prometheus integration tests, started once for the collection on free loopback
/// ports: a test exporter with one simulated service per scenario (baseline v1 and candidate v2), a
/// Prometheus scraping it every second, a second one that a test stops mid-analysis, and a third behind TLS,
/// client certificates and basic auth. Ready when every target's series cover the tests' 10 s window.
/// </summary>
public sealed class PrometheusStackFixture : IAsyncLifetime
{
    public const string User = "shipgate";

    /// <summary>The password whose bcrypt hash (cost 4, made with Python's crypt) is in the web config below.</summary>
    public const string Password = "gate-keeper-pw";

    private const string PasswordHash = "$2b$04$rzMyKqxjqGSSg0MFpiZ5ZO0Yo8ODs734GODSci3AJhcDk6Cp1F96K";

    private readonly List<IDisposable> _parts = [];

    /// <summary>The scenarios, each a service with a baseline (v1) and a candidate (v2).</summary>
    public static readonly string[] Scenarios = ["healthy", "errors", "slow", "drifted", "idle", "flawless", "vanishing", "very-slow", "nan-bucket"];

    internal TestExporter Exporter { get; private set; } = null!;

    /// <summary>The candidate of the "vanishing" scenario, whose exporter a test stops answering mid-analysis.</summary>
    internal SimulatedService Vanishing { get; private set; } = null!;

    internal PrometheusServer Main { get; private set; } = null!;

    internal PrometheusServer Stoppable { get; private set; } = null!;

    internal PrometheusServer Secured { get; private set; } = null!;

    internal TestCertificates Certificates { get; private set; } = null!;

    internal PrometheusOptions Options(PrometheusServer server) => new(server.Url) { Timeout = TimeSpan.FromSeconds(3), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(100) };

    public async Task InitializeAsync()
    {
        var services = ScrapedServices.Start(Scenarios.SelectMany(s => new[] { (s, "v1", Configure(s, baseline: true)), (s, "v2", Configure(s, baseline: false)) }));
        _parts.Add(services);
        Exporter = services.Exporter;
        Main = services.Server;
        Vanishing = services.Versions[("vanishing", "v2")];
        var exporter = services.Exporter;
        Stoppable = Track(PrometheusServer.Start(exporter.ScrapeJob("healthy", "v1") + exporter.ScrapeJob("healthy", "v2")));

        var tlsDirectory = Directory.CreateTempSubdirectory("shipgate-tls-").FullName;
        Certificates = TestCertificates.Create(tlsDirectory);
        Secured = Track(PrometheusServer.Start(exporter.ScrapeJob("healthy", "v2"), $"""
            tls_server_config:
              cert_file: {Certificates.ServerCertPath}
              key_file: {Certificates.ServerKeyPath}
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: {Certificates.CaPath}
            basic_auth_users:
              {User}: {PasswordHash}
            """));

        // Rates over a 10 s window need 10 s of scrapes; the analyses use that window.
        await services.WaitForScrapesAsync(TimeSpan.FromSeconds(11)).ConfigureAwait(false);
        await Stoppable.WaitForScrapesAsync(2, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        foreach (var part in Enumerable.Reverse(_parts))
            part.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>How each scenario's baseline (v1) or candidate (v2) differs from a healthy version.</summary>
    private static Action<SimulatedService> Configure(string scenario, bool baseline) => s =>
    {
        switch (scenario, baseline)
        {
            case ("errors", false):
                s.ErrorRate = 0.08;
                break;
            case ("slow", false):
                s.MeanLatencySeconds = 0.2;
                break;
            case ("drifted", false):
                s.PredictionMean = 0.6;
                break;
            case ("flawless", _):
                s.ErrorRate = 0;
                break;
            case ("idle", _):
                s.RequestsPerSecond = 0;
                break;
            case ("very-slow", false):
                s.MeanLatencySeconds = 30;
                break;
            case ("nan-bucket", false):
                s.NaNLatencyBucket = true;
                break;
        }
    };

    private PrometheusServer Track(PrometheusServer server)
    {
        _parts.Add(server);
        return server;
    }
}
