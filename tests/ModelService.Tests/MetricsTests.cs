using System.Globalization;

namespace ModelService.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_expose_the_agreed_names_types_and_labels()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures(version: "7"));
        await service.PredictProbabilityAsync(new { a = 2.0, b = 0.4 }); // p = 0.68997
        await service.Client.GetStringAsync("/health");

        var text = await service.MetricsAsync();
        var metrics = PrometheusText.Parse(text);

        Assert.Equal("counter", PrometheusText.TypeOf(text, "modelservice_requests_total"));
        Assert.Equal("histogram", PrometheusText.TypeOf(text, "modelservice_request_duration_seconds"));
        Assert.Equal("histogram", PrometheusText.TypeOf(text, "modelservice_prediction_value"));
        Assert.Equal("histogram", PrometheusText.TypeOf(text, "modelservice_feature_value"));
        Assert.Equal("gauge", PrometheusText.TypeOf(text, "modelservice_model_info"));

        Assert.Equal(1, metrics.Single("modelservice_model_info", ("model_version", "7")));
        Assert.Equal(1, metrics.Single("modelservice_requests_total", ("route", "/predict"), ("code", "200")));
        Assert.Equal(1, metrics.Single("modelservice_requests_total", ("route", "/health"), ("code", "200")));
        Assert.Equal(1, metrics.Single("modelservice_request_duration_seconds_count", ("route", "/predict")));
        Assert.Equal(1, metrics.Single("modelservice_feature_value_count", ("feature", "a")));
        Assert.Equal(1, metrics.Single("modelservice_feature_value_bucket", ("feature", "b"), ("le", "0.5")));
        Assert.Equal(0, metrics.Single("modelservice_feature_value_bucket", ("feature", "b"), ("le", "0")));
        // The prediction 0.68997 falls in (0.65, 0.7].
        Assert.Equal(0, metrics.Single("modelservice_prediction_value_bucket", ("le", "0.65")));
        Assert.Equal(1, metrics.Single("modelservice_prediction_value_bucket", ("le", "0.7")));
    }

    [Fact]
    public async Task Histogram_buckets_cover_the_agreed_ranges()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());
        await service.PredictProbabilityAsync(new { a = 0.0, b = 0.0 });

        var metrics = PrometheusText.Parse(await service.MetricsAsync());

        var predictionEdges = Edges(metrics.Named("modelservice_prediction_value_bucket"));
        var expected = Enumerable.Range(1, 20).Select(i => (i * 5 / 100m).ToString(CultureInfo.InvariantCulture).TrimEnd('0'))
            .Select(s => s.EndsWith('.') ? s.TrimEnd('.') : s).Append("+Inf");
        Assert.Equal(expected, predictionEdges);

        var durationEdges = Edges(metrics.Named("modelservice_request_duration_seconds_bucket").Where(s => s.Labels["route"] == "/predict"));
        Assert.Equal("0.001", durationEdges[0]);
        Assert.Equal("2", durationEdges[^2]);
    }

    [Fact]
    public async Task Metrics_include_process_cpu_for_the_load_alert()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        var metrics = PrometheusText.Parse(await service.MetricsAsync());

        Assert.Single(metrics.Named("process_cpu_seconds_total"));
    }

    private static List<string> Edges(IEnumerable<PrometheusText.Sample> buckets) =>
        buckets.Select(s => s.Labels["le"]).ToList();
}
