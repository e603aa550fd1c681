using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// A Grafana dashboard (schema 39) for the service: traffic, errors, latency, predictions and load by version,
/// with deploy, promote and rollback annotations read from <c>shipgate_release_event</c>.
/// </summary>
public static class GrafanaDashboardGenerator
{
    public const string DatasourceVariable = "${datasource}";

    public static string Generate(MonitoringSpec spec)
    {
        spec.Validate();
        var selector = "service=\"$service\", environment=\"$environment\"";
        const string byVersion = "version";
        var w = "$__rate_interval";

        var panels = new JsonArray
        {
            TimeSeries(1, "Requests per second by version", "reqps", 0, 0,
                (SampleQueries.RequestRate(selector, w, byVersion), "v{{version}}")),
            TimeSeries(2, "Error ratio (5xx) by version", "percentunit", 12, 0,
                (SampleQueries.ErrorRatio(selector, w, byVersion), "v{{version}}")),
            TimeSeries(3, "Latency p50 / p95 / p99 by version", "s", 0, 8,
                (SampleQueries.LatencyQuantile(0.5, selector, w, byVersion), "p50 v{{version}}"),
                (SampleQueries.LatencyQuantile(0.95, selector, w, byVersion), "p95 v{{version}}"),
                (SampleQueries.LatencyQuantile(0.99, selector, w, byVersion), "p99 v{{version}}")),
            TimeSeries(4, "Mean prediction by version", "percentunit", 12, 8,
                (SampleQueries.MeanPrediction(selector, w, byVersion), "v{{version}}")),
            PredictionDistribution(5, selector, 0, 16),
            TimeSeries(6, "Instance load (CPU of its allowance)", "percentunit", 12, 16,
                (SampleQueries.InstanceLoad(selector, w, spec.Alerts.InstanceCpus), "v{{version}} {{instance}}")),
        };

        var dashboard = new JsonObject
        {
            ["uid"] = $"shipgate-{spec.Service}",
            ["title"] = $"{spec.Service}: releases",
            ["description"] = GeneratedFiles.Banner,
            ["tags"] = new JsonArray("shipgate", spec.Service),
            ["schemaVersion"] = 39,
            ["version"] = 1,
            ["editable"] = true,
            ["refresh"] = "5s",
            ["time"] = new JsonObject { ["from"] = "now-30m", ["to"] = "now" },
            ["timepicker"] = new JsonObject(),
            ["timezone"] = "browser",
            ["templating"] = new JsonObject
            {
                ["list"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["name"] = "datasource", ["label"] = "Prometheus", ["type"] = "datasource", ["query"] = "prometheus",
                    },
                    Constant("service", spec.Service),
                    new JsonObject
                    {
                        ["name"] = "environment", ["label"] = "Environment", ["type"] = "query",
                        ["datasource"] = Datasource(),
                        ["query"] = new JsonObject { ["query"] = $"label_values({SampleQueries.ModelInfo}{{service=\"$service\"}}, environment)", ["refId"] = "env" },
                        ["definition"] = $"label_values({SampleQueries.ModelInfo}{{service=\"$service\"}}, environment)",
                        ["current"] = new JsonObject { ["text"] = spec.Environment, ["value"] = spec.Environment },
                        ["refresh"] = 2,
                    },
                },
            },
            ["annotations"] = new JsonObject
            {
                ["list"] = new JsonArray
                {
                    BuiltInAnnotations(),
                    ReleaseAnnotation(ReleaseEventKind.Deploy, "blue"),
                    ReleaseAnnotation(ReleaseEventKind.Promote, "green"),
                    ReleaseAnnotation(ReleaseEventKind.Rollback, "red"),
                },
            },
            ["panels"] = panels,
        };
        // Relaxed escaping keeps PromQL readable in the file ("..." rather than \u0022...\u0022).
        return dashboard.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Datasource() => new() { ["type"] = "prometheus", ["uid"] = DatasourceVariable };

    private static JsonObject Constant(string name, string value) => new()
    {
        ["name"] = name,
        ["type"] = "constant",
        ["query"] = value,
        ["hide"] = 2,
        ["current"] = new JsonObject { ["text"] = value, ["value"] = value },
    };

    private static JsonObject BuiltInAnnotations() => new()
    {
        ["builtIn"] = 1,
        ["name"] = "Annotations & Alerts",
        ["type"] = "dashboard",
        ["enable"] = true,
        ["hide"] = true,
        ["iconColor"] = "rgba(0, 211, 255, 1)",
        ["datasource"] = new JsonObject { ["type"] = "grafana", ["uid"] = "-- Grafana --" },
    };

    /// <summary>One annotation per event: the series value is the event's Unix time, hence "use value for time".</summary>
    private static JsonObject ReleaseAnnotation(ReleaseEventKind kind, string color)
    {
        var name = kind.ToString().ToLowerInvariant();
        return new JsonObject
        {
            ["name"] = $"{kind}s",
            ["enable"] = true,
            ["iconColor"] = color,
            ["datasource"] = Datasource(),
            ["expr"] = $"max by (event, version, release_id) ({ReleaseEvent.MetricName}{{service=\"$service\", environment=\"$environment\", event=\"{name}\"}}) * 1000",
            ["useValueForTime"] = true,
            ["step"] = "10s",
            ["titleFormat"] = $"{name} v{{{{version}}}}",
            ["textFormat"] = "release {{release_id}}",
            ["tagKeys"] = "event,version",
        };
    }

    private static JsonObject TimeSeries(int id, string title, string unit, int x, int y, params (string Expr, string Legend)[] queries)
    {
        var targets = new JsonArray();
        foreach (var (query, index) in queries.Select((q, i) => (q, i)))
        {
            targets.Add(new JsonObject
            {
                ["refId"] = ((char)('A' + index)).ToString(),
                ["datasource"] = Datasource(),
                ["expr"] = query.Expr,
                ["legendFormat"] = query.Legend,
                ["range"] = true,
            });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "timeseries",
            ["title"] = title,
            ["datasource"] = Datasource(),
            ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = x, ["y"] = y },
            ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = unit }, ["overrides"] = new JsonArray() },
            ["targets"] = targets,
        };
    }

    /// <summary>Predictions per bucket over the visible range, one bar group per version: drift shows as a moved shape.</summary>
    private static JsonObject PredictionDistribution(int id, string selector, int x, int y) => new()
    {
        ["id"] = id,
        ["type"] = "barchart",
        ["title"] = "Prediction distribution by version (share per 0.05 bucket)",
        ["datasource"] = Datasource(),
        ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = x, ["y"] = y },
        ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = "percentunit" }, ["overrides"] = new JsonArray() },
        ["options"] = new JsonObject { ["xField"] = "le", ["orientation"] = "vertical" },
        ["targets"] = new JsonArray
        {
            new JsonObject
            {
                ["refId"] = "A",
                ["datasource"] = Datasource(),
                // Cumulative buckets minus the previous edge would need a join; the cumulative share is what drift gates read too.
                ["expr"] = $"sum by (version, le) (increase({SampleQueries.Prediction}_bucket{{{selector}}}[$__range]))\n  / ignoring (le) group_left sum by (version) (increase({SampleQueries.Prediction}_count{{{selector}}}[$__range]))",
                ["legendFormat"] = "v{{version}}",
                ["format"] = "table",
                ["instant"] = true,
            },
        },
    };
}
