namespace Shipgate.LocalStack.Monitoring;

/// <summary>The generated monitoring files, as text, keyed by file name.</summary>
public sealed record MonitoringFiles(string PrometheusConfig, string AlertRules, string ReleaseEventRules, string Dashboard)
{
    /// <summary>Renders every file. The configuration names the rule files by bare name: they live beside it.</summary>
    public static MonitoringFiles Render(MonitoringSpec spec) => new(
        PrometheusConfigGenerator.Generate(spec, [MonitoringSpec.DefaultAlertsFile, MonitoringSpec.DefaultReleaseEventsFile]),
        AlertRulesGenerator.Generate(spec),
        ReleaseEventRulesGenerator.Generate(spec),
        GrafanaDashboardGenerator.Generate(spec));

    public IReadOnlyDictionary<string, string> ByFileName => new Dictionary<string, string>
    {
        [MonitoringSpec.DefaultPrometheusFile] = PrometheusConfig,
        [MonitoringSpec.DefaultAlertsFile] = AlertRules,
        [MonitoringSpec.DefaultReleaseEventsFile] = ReleaseEventRules,
        [MonitoringSpec.DefaultDashboardFile] = Dashboard,
    };

    /// <summary>
    /// Writes the files into <paramref name="directory"/>, each through a temporary file and a rename, so a
    /// Prometheus reloading at that moment never reads half a file. Returns the paths written.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, text) in ByFileName)
        {
            var path = Path.Combine(directory, name);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, text, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
