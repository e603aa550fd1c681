using System.Globalization;
using Serilog;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Release.Flow;

/// <summary>
/// The embedded stack of a local environment: Up starts what is missing of the Docker engine, the registry,
/// Prometheus and, for <c>router: { embedded: true }</c>, the router (offline, on 127.0.0.1, through the stack scripts)
/// and reuses what already runs; Down stops what Up started.
/// </summary>
public sealed class EmbeddedStack(string stackDirectory, string scriptsDirectory, ProcessRunner tools, HttpClient http, ILogger log)
{
    private string PrometheusConfigDirectory => Path.Combine(stackDirectory, "prometheus");

    private string PrometheusDataDirectory => Path.Combine(stackDirectory, "prometheus-data");

    private string RegistryConfig => Path.Combine(stackDirectory, "registry.yml");

    private string RouterDirectory => Path.Combine(stackDirectory, "router");

    private string RouterPidFile => Path.Combine(RouterDirectory, "haproxy.pid");

    public LocalMonitoring Monitoring => new(PrometheusConfigDirectory, ReleaseSettings.EmbeddedPrometheus, new PrometheusReloader(http));

    /// <param name="settings">What the release uses; only the embedded parts are started.</param>
    /// <param name="monitoring">The scrape configuration for what serves now (Prometheus starts with it).</param>
    /// <param name="cancellationToken">Stops waiting for the stack.</param>
    public async Task UpAsync(ReleaseSettings settings, Func<CancellationToken, Task<MonitoringSpec>> monitoring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(monitoring);
        Directory.CreateDirectory(stackDirectory);
        if (settings.UsesEmbeddedEngine)
            await ScriptAsync("docker.sh", [settings.Platform == Environments.PlatformKind.Swarm ? "swarm" : "start"], cancellationToken).ConfigureAwait(false);
        if (settings.UsesEmbeddedRegistry)
        {
            var config = await ScriptAsync("registry.sh", ["config", ReleaseSettings.EmbeddedRegistry, Path.Combine(stackDirectory, "registry-data")], cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(RegistryConfig, config, cancellationToken).ConfigureAwait(false);
            await ScriptAsync("registry.sh", ["start", RegistryConfig], cancellationToken).ConfigureAwait(false);
        }

        // The router before Prometheus: what Prometheus scrapes follows the release's status, and the status of a
        // routed release is read from the router (a fresh machine had no router yet to read, and Up failed).
        if (settings.UsesEmbeddedRouter)
            await StartRouterAsync(settings, cancellationToken).ConfigureAwait(false);

        if (settings.UsesEmbeddedPrometheus)
        {
            var spec = await monitoring(cancellationToken).ConfigureAwait(false);
            var answers = await PrometheusAnswersAsync(cancellationToken).ConfigureAwait(false);
            // Ours already runs: reload it, so it scrapes what serves now (a run killed mid-switch, recovered by this
            // one, left it pointed at nothing or at the version that no longer serves).
            if (OurPrometheusRuns && answers)
                await Monitoring.ApplyAsync(spec, cancellationToken).ConfigureAwait(false);
            else
                await Monitoring.WriteAsync(spec, cancellationToken).ConfigureAwait(false);
            // Ours (started by an earlier run of this checkout) is reused by prometheus.sh. Another one would not
            // read our scrape configuration, so the gates would see no data: say so instead of going blind.
            if (!OurPrometheusRuns && answers)
            {
                throw new InvalidOperationException(
                    $"A Prometheus that this checkout did not start answers on {ReleaseSettings.EmbeddedPrometheus}. Verify against it with --prometheus-url {ReleaseSettings.EmbeddedPrometheus} "
                    + "(its scrape configuration must then label the service's series with service, version and environment), or stop it.");
            }

            await ScriptAsync("prometheus.sh", ["start", Monitoring.PrometheusConfigPath, ReleaseSettings.EmbeddedPrometheus.Port.ToString(CultureInfo.InvariantCulture), PrometheusDataDirectory], cancellationToken).ConfigureAwait(false);
        }

        log.Information("Stack: engine {Engine}, registry {Registry}, Prometheus {Prometheus}", settings.Engine, settings.Registry, settings.Prometheus);
    }

    public async Task DownAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(RouterPidFile))
            await ScriptAsync("haproxy.sh", ["stop", RouterPidFile], cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(PrometheusDataDirectory))
            await ScriptAsync("prometheus.sh", ["stop", PrometheusDataDirectory], cancellationToken).ConfigureAwait(false);
        if (File.Exists(RegistryConfig))
            await ScriptAsync("registry.sh", ["stop", RegistryConfig], cancellationToken).ConfigureAwait(false);
        await ScriptAsync("docker.sh", ["stop"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Shipgate's own HAProxy on the service's port, with an empty backend the releases join at runtime. One that runs
    /// already is kept as it is: restarting it would drop the servers the releases added.
    /// </summary>
    private async Task StartRouterAsync(ReleaseSettings settings, CancellationToken cancellationToken)
    {
        var socket = settings.RouterSocket!;
        var config = HaproxyConfig.Generate(new HaproxyConfigSpec(
            settings.RouterBackend, settings.Port, socket, ExporterPort: null, Servers: [], new HaproxyHealthCheck(settings.Service.HealthPath)));
        Directory.CreateDirectory(RouterDirectory);
        var configPath = Path.Combine(RouterDirectory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, config, cancellationToken).ConfigureAwait(false);
        await ScriptAsync("haproxy.sh", ["start", configPath, RouterPidFile, socket], cancellationToken).ConfigureAwait(false);
        log.Information("Router: Shipgate's HAProxy on 127.0.0.1:{Port}, runtime socket {Socket}", settings.Port, socket);
    }

    private bool OurPrometheusRuns =>
        File.Exists(Path.Combine(PrometheusDataDirectory, "prometheus.pid"))
        && int.TryParse(File.ReadAllText(Path.Combine(PrometheusDataDirectory, "prometheus.pid")).Trim(), out var pid)
        && Directory.Exists($"/proc/{pid}");

    private async Task<bool> PrometheusAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var ready = await http.GetAsync(new Uri(ReleaseSettings.EmbeddedPrometheus, "/-/ready"), cancellationToken).ConfigureAwait(false);
            return ready.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task<string> ScriptAsync(string script, string[] arguments, CancellationToken cancellationToken) =>
        (await tools.RunAsync(Path.Combine(scriptsDirectory, script), arguments, cancellationToken).ConfigureAwait(false)).StandardOutput;
}
