using System.Globalization;
using Shipgate.Core.Yaml;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// Release events as recording rules: <c>shipgate_release_event{event, service, environment, version, release_id} = Unix time</c>.
/// Grafana draws them with "use series value as timestamp"; the rule file is rewritten on every event.
/// </summary>
public static class ReleaseEventRulesGenerator
{
    public static string Generate(MonitoringSpec spec)
    {
        spec.Validate();
        var rules = spec.ReleaseEvents
            .TakeLast(spec.MaxReleaseEvents)
            .Select(e => (object)new Dictionary<string, object>
            {
                ["record"] = ReleaseEvent.MetricName,
                ["expr"] = string.Create(CultureInfo.InvariantCulture, $"vector({e.Time.ToUnixTimeSeconds()})"),
                ["labels"] = new Dictionary<string, string>
                {
                    ["event"] = e.Kind.ToString().ToLowerInvariant(),
                    ["service"] = e.Service,
                    ["environment"] = e.Environment,
                    ["version"] = e.Version,
                    ["release_id"] = e.ReleaseId,
                },
            })
            .ToList();

        var document = new Dictionary<string, object>
        {
            ["groups"] = new List<object>
            {
                new Dictionary<string, object> { ["name"] = "shipgate-release-events", ["rules"] = rules },
            },
        };
        return YamlWriter.Render([GeneratedFiles.Banner], document);
    }
}
