using System.Globalization;
using Shipgate.Core.Text;
using Shipgate.Core.Yaml;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// Alert rules for the service. Every alert carries <c>notify: administrator</c> and a severity, so an
/// Alertmanager route (or the gates' "no firing alert" check) can act on them.
/// </summary>
public static class AlertRulesGenerator
{
    public const string InstanceLoadHigh = "InstanceLoadHigh";
    public const string ErrorRateHigh = "ErrorRateHigh";
    public const string LatencyHigh = "LatencyHigh";
    public const string TargetDown = "TargetDown";

    public static string Generate(MonitoringSpec spec)
    {
        spec.Validate();
        var t = spec.Alerts;
        var selector = SampleQueries.Selector(spec.Service, spec.Environment);
        const string by = "service, version, environment";
        var loadPercent = Percent(t.InstanceLoad);

        var rules = new List<object>
        {
            Alert(
                InstanceLoadHigh,
                $"{SampleQueries.InstanceLoad(selector, "1m", t.InstanceCpus)} > {Number(t.InstanceLoad)}",
                t.InstanceLoadFor, "warning",
                $"{{{{ $labels.service }}}} {{{{ $labels.version }}}} on {{{{ $labels.instance }}}}: load above {loadPercent} for {PromDuration.Format(t.InstanceLoadFor)}",
                $"CPU use is {{{{ $value | humanizePercentage }}}} of the {Number(t.InstanceCpus)} CPU(s) the instance has. Add replicas or look for a hot loop."),
            Alert(
                ErrorRateHigh,
                $"{SampleQueries.ErrorRatio(selector, "1m", by)}\n  > {Number(t.ErrorRate)}",
                t.ErrorRateFor, "critical",
                $"{{{{ $labels.service }}}} {{{{ $labels.version }}}}: more than {Percent(t.ErrorRate)} of predictions fail",
                "{{ $value | humanizePercentage }} of /predict requests answered 5xx over the last minute."),
            Alert(
                LatencyHigh,
                $"{SampleQueries.LatencyQuantile(0.95, selector, "1m", by)}\n  > {Number(t.LatencyP95Seconds)}",
                t.LatencyFor, "warning",
                $"{{{{ $labels.service }}}} {{{{ $labels.version }}}}: p95 latency above {Number(t.LatencyP95Seconds)} s",
                "p95 of /predict is {{ $value | humanizeDuration }}."),
            Alert(
                TargetDown,
                $"up{{{selector}}} == 0",
                t.DownFor, "critical",
                "{{ $labels.service }} {{ $labels.version }} on {{ $labels.instance }} is down",
                "Prometheus cannot scrape the instance."),
        };

        var document = new Dictionary<string, object>
        {
            ["groups"] = new List<object>
            {
                new Dictionary<string, object> { ["name"] = spec.Service + "-alerts", ["rules"] = rules },
            },
        };
        return YamlWriter.Render([GeneratedFiles.Banner], document);
    }

    private static Dictionary<string, object> Alert(string name, string expr, TimeSpan @for, string severity, string summary, string description) =>
        new()
        {
            ["alert"] = name,
            ["expr"] = expr,
            ["for"] = PromDuration.Format(@for),
            ["labels"] = new Dictionary<string, string> { ["severity"] = severity, ["notify"] = "administrator" },
            ["annotations"] = new Dictionary<string, string> { ["summary"] = summary, ["description"] = description },
        };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
