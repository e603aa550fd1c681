using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Pipeline;

namespace Shipgate.Build;

/// <summary>
/// The embedded local stack: when no Docker host, registry or Prometheus is given, Up starts what is missing
/// (offline, on 127.0.0.1) and reuses what already runs; Down stops what Up started.
/// </summary>
internal sealed partial class Build
{
    private const int LocalPrometheusPort = 9090;
    private const string LocalRegistry = "127.0.0.1:5000";

    private string StackDirectory => Path.Combine(RootDirectory, ".nuke", "temp", "stack");

    private string PrometheusConfigDirectory => Path.Combine(StackDirectory, "prometheus");

    private string PrometheusDataDirectory => Path.Combine(StackDirectory, "prometheus-data");

    private string RegistryConfig => Path.Combine(StackDirectory, "registry.yml");

    private bool UsesLocalEngine => DockerHost is null;

    private bool UsesLocalPrometheus => PrometheusUrl is null;

    private bool UsesLocalRegistry => Registry is null;

    private Uri PrometheusEndpoint => PrometheusUrl ?? new Uri($"http://127.0.0.1:{LocalPrometheusPort}");

    private string RegistryHost => Registry ?? LocalRegistry;

    private Target Up => _ => _
        .Description("Starts what is missing of the local stack (Docker engine, registry, Prometheus) on 127.0.0.1; reuses what runs")
        .Executes(async cancellation =>
        {
            Directory.CreateDirectory(StackDirectory);
            if (UsesLocalEngine)
                await Script(cancellation, "docker.sh", TargetKind == DeployTargetKind.Swarm ? "swarm" : "start");
            if (UsesLocalRegistry)
            {
                var config = await Script(cancellation, "registry.sh", "config", LocalRegistry, Path.Combine(StackDirectory, "registry-data"));
                await File.WriteAllTextAsync(RegistryConfig, config, cancellation);
                await Script(cancellation, "registry.sh", "start", RegistryConfig);
            }

            if (UsesLocalPrometheus)
            {
                // The scrape configuration follows the release that serves now (none on a fresh machine).
                var serving = (await HistoryAsync(cancellation)).FirstOrDefault(record => record.Phase.IsServing())?.Version;
                await Monitoring.WriteAsync(await MonitoringSpecAsync(serving, cancellation), cancellation);
                // Ours (started by an earlier run of this checkout) is reused by prometheus.sh. Another one would not
                // read our scrape configuration, so the gates would see no data: say so instead of going blind.
                if (!OurPrometheusRuns && await PrometheusAnswersAsync(cancellation))
                    throw new InvalidOperationException(
                        $"A Prometheus that this checkout did not start answers on {PrometheusEndpoint}. Verify against it with --prometheus-url {PrometheusEndpoint} "
                        + "(its scrape configuration must then label the service's series with service, version and environment), or stop it.");
                await Script(cancellation, "prometheus.sh", "start", Monitoring.PrometheusConfigPath, LocalPrometheusPort.ToString(System.Globalization.CultureInfo.InvariantCulture), PrometheusDataDirectory);
            }

            Log.Information("Local stack: engine {Engine}, registry {Registry}, Prometheus {Prometheus}",
                DockerHost?.ToString() ?? "local", RegistryHost, PrometheusEndpoint);
        });

    private Target Down => _ => _
        .Description("Stops the local stack that Up started (Prometheus, registry, Docker engine)")
        .Executes(async cancellation =>
        {
            if (Directory.Exists(PrometheusDataDirectory))
                await Script(cancellation, "prometheus.sh", "stop", PrometheusDataDirectory);
            if (File.Exists(RegistryConfig))
                await Script(cancellation, "registry.sh", "stop", RegistryConfig);
            await Script(cancellation, "docker.sh", "stop");
        });

    private bool OurPrometheusRuns =>
        File.Exists(Path.Combine(PrometheusDataDirectory, "prometheus.pid"))
        && int.TryParse(File.ReadAllText(Path.Combine(PrometheusDataDirectory, "prometheus.pid")).Trim(), out var pid)
        && Directory.Exists($"/proc/{pid}");

    private async Task<bool> PrometheusAnswersAsync(CancellationToken cancellation)
    {
        try
        {
            using var ready = await Http.GetAsync(new Uri(PrometheusEndpoint, "/-/ready"), cancellation);
            return ready.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellation.IsCancellationRequested))
        {
            return false;
        }
    }

    private LocalMonitoring Monitoring => new(PrometheusConfigDirectory, PrometheusEndpoint, new PrometheusReloader(Http));

    /// <summary>Runs one of the shared stack scripts (the same ones the tests and .ci/run use) and returns its output.</summary>
    private async Task<string> Script(CancellationToken cancellation, string script, params string[] arguments)
    {
        var result = await Tools.RunAsync(Path.Combine(RootDirectory, "scripts", "stack", script), arguments, cancellation);
        return result.StandardOutput;
    }
}
