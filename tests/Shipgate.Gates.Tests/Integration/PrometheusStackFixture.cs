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
        var exporter = new TestExporter();
        _parts.Add(exporter);
        Exporter = exporter;
        var seed = 1;
        foreach (var scenario in Scenarios)
        {
            var baseline = exporter.Add(scenario, "v1", seed++);
            var candidate = exporter.Add(scenario, "v2", seed++);
            switch (scenario)
            {
                case "errors":
                    candidate.ErrorRate = 0.08;
                    break;
                case "slow":
                    candidate.MeanLatencySeconds = 0.2;
                    break;
                case "drifted":
                    candidate.PredictionMean = 0.6;
                    break;
                case "flawless":
                    baseline.ErrorRate = 0;
                    candidate.ErrorRate = 0;
                    break;
                case "idle":
                    baseline.RequestsPerSecond = 0;
                    candidate.RequestsPerSecond = 0;
                    break;
                case "very-slow":
                    candidate.MeanLatencySeconds = 30;
                    break;
                case "vanishing":
                    Vanishing = candidate;
                    break;
                case "nan-bucket":
                    candidate.NaNLatencyBucket = true;
                    break;
            }
        }

        var jobs = string.Concat(Scenarios.SelectMany(s => new[] { exporter.ScrapeJob(s, "v1"), exporter.ScrapeJob(s, "v2") }));
        Main = Track(PrometheusServer.Start(jobs));
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
        await Main.WaitForScrapesAsync(Scenarios.Length * 2, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await Stoppable.WaitForScrapesAsync(2, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        foreach (var part in Enumerable.Reverse(_parts))
            part.Dispose();
        return Task.CompletedTask;
    }

    private PrometheusServer Track(PrometheusServer server)
    {
        _parts.Add(server);
        return server;
    }
}
