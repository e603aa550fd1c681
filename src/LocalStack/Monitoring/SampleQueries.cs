using System.Globalization;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// PromQL over the sample service's metrics (the names ModelService exposes), shared by the alert rules and the
/// dashboard so both read the same numbers. A selector is a label matcher list without braces.
/// </summary>
internal static class SampleQueries
{
    public const string Requests = "modelservice_requests_total";
    public const string Duration = "modelservice_request_duration_seconds";
    public const string Prediction = "modelservice_prediction_value";
    public const string ModelInfo = "modelservice_model_info";
    public const string PredictRoute = "/predict";

    public static string Selector(string service, string environment) =>
        $"service=\"{service}\", environment=\"{environment}\"";

    public static string RequestRate(string selector, string window, string by) =>
        $"sum by ({by}) (rate({Requests}{{{selector}, route=\"{PredictRoute}\"}}[{window}]))";

    public static string ErrorRatio(string selector, string window, string by) =>
        $"sum by ({by}) (rate({Requests}{{{selector}, route=\"{PredictRoute}\", code=~\"5..\"}}[{window}]))\n"
        + $"  / {RequestRate(selector, window, by)}";

    public static string LatencyQuantile(double quantile, string selector, string window, string by) =>
        string.Create(CultureInfo.InvariantCulture,
            $"histogram_quantile({quantile}, sum by ({by}, le) (rate({Duration}_bucket{{{selector}, route=\"{PredictRoute}\"}}[{window}])))");

    public static string InstanceLoad(string selector, string window, double cpus)
    {
        var cpuSeconds = $"rate(process_cpu_seconds_total{{{selector}}}[{window}])";
        return cpus == 1 ? cpuSeconds : string.Create(CultureInfo.InvariantCulture, $"{cpuSeconds} / {cpus}");
    }

    public static string MeanPrediction(string selector, string window, string by) =>
        $"sum by ({by}) (rate({Prediction}_sum{{{selector}}}[{window}]))\n  / sum by ({by}) (rate({Prediction}_count{{{selector}}}[{window}]))";
}
