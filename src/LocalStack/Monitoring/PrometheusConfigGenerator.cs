using Shipgate.Core.Text;
using Shipgate.Core.Yaml;
namespace Shipgate.LocalStack.Monitoring;

/// <summary>prometheus.yml for the local stack: one static target per deployed version, labelled service/version/environment.</summary>
public static class PrometheusConfigGenerator
{
    /// <param name="spec">The service, its versions and intervals.</param>
    /// <param name="ruleFiles">Paths as Prometheus should read them (relative to the configuration file's directory).</param>
    public static string Generate(MonitoringSpec spec, IReadOnlyList<string> ruleFiles)
    {
        spec.Validate();
        var global = new Dictionary<string, object>
        {
            ["scrape_interval"] = PromDuration.Format(spec.ScrapeInterval),
            // A timeout above the interval is a configuration error; at 1 s nothing slower is useful anyway.
            ["scrape_timeout"] = PromDuration.Format(spec.ScrapeInterval < TimeSpan.FromSeconds(10) ? spec.ScrapeInterval : TimeSpan.FromSeconds(10)),
            ["evaluation_interval"] = PromDuration.Format(spec.EvaluationInterval),
        };

        var document = new Dictionary<string, object> { ["global"] = global, ["rule_files"] = ruleFiles.ToList() };
        if (spec.AlertmanagerAddress is { } alertmanager)
        {
            LoopbackGuard.Require(new Uri("http://" + alertmanager), nameof(spec.AlertmanagerAddress));
            document["alerting"] = new Dictionary<string, object>
            {
                ["alertmanagers"] = new List<object>
                {
                    new Dictionary<string, object> { ["static_configs"] = new List<object> { StaticConfig([alertmanager], null) } },
                },
            };
        }

        document["scrape_configs"] = ScrapeConfigs(spec).ToList();
        return YamlWriter.Render([GeneratedFiles.Banner], document);
    }

    private static IEnumerable<object> ScrapeConfigs(MonitoringSpec spec)
    {
        // One job per service and metrics path; each version is its own static group with its own labels.
        foreach (var job in spec.Targets.GroupBy(t => (t.Service, t.MetricsPath)).OrderBy(g => g.Key.Service, StringComparer.Ordinal))
        {
            var suffix = job.Key.MetricsPath == "/metrics" ? "" : job.Key.MetricsPath.Replace('/', '_');
            yield return new Dictionary<string, object>
            {
                ["job_name"] = job.Key.Service + suffix,
                ["metrics_path"] = job.Key.MetricsPath,
                ["static_configs"] = job
                    .GroupBy(t => (t.Version, t.Environment))
                    .Select(v => StaticConfig(
                        v.Select(t => t.Address).ToList(),
                        new Dictionary<string, string> { ["service"] = job.Key.Service, ["version"] = v.Key.Version, ["environment"] = v.Key.Environment }))
                    .ToList(),
            };
        }
    }

    private static Dictionary<string, object> StaticConfig(List<string> targets, Dictionary<string, string>? labels)
    {
        var config = new Dictionary<string, object> { ["targets"] = targets };
        if (labels is not null)
        {
            config["labels"] = labels;
        }

        return config;
    }
}
