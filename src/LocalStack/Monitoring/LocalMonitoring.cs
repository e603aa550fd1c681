namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// What the Deploy flow calls: render the files for the current set of versions, write them where the running
/// Prometheus reads its configuration, and reload it.
/// </summary>
public sealed class LocalMonitoring(string configDirectory, Uri prometheus, PrometheusReloader reloader)
{
    public string ConfigDirectory { get; } = configDirectory;

    public string PrometheusConfigPath => Path.Combine(ConfigDirectory, MonitoringSpec.DefaultPrometheusFile);

    /// <summary>Writes the configuration only (before Prometheus starts).</summary>
    public Task<IReadOnlyList<string>> WriteAsync(MonitoringSpec spec, CancellationToken cancellationToken = default) =>
        MonitoringFiles.Render(spec).WriteAsync(ConfigDirectory, cancellationToken);

    /// <summary>Writes the configuration for <paramref name="spec"/> and makes the running Prometheus load it.</summary>
    public async Task ApplyAsync(MonitoringSpec spec, CancellationToken cancellationToken = default)
    {
        await WriteAsync(spec, cancellationToken);
        await reloader.ReloadAsync(prometheus, cancellationToken);
    }
}
