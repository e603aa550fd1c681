using Prometheus;

namespace Shipgate.Samples.ModelService;

/// <summary>
/// The service's metrics. The names are a contract: deploy/gates.yaml, the alert rules and the dashboard
/// query them. Service, version and environment are not labels here: Prometheus adds them per scrape target.
/// </summary>
public sealed class ServiceMetrics
{
    public const string RequestsTotal = "modelservice_requests_total";
    public const string RequestDurationSeconds = "modelservice_request_duration_seconds";
    public const string PredictionValue = "modelservice_prediction_value";
    public const string FeatureValue = "modelservice_feature_value";
    public const string ModelInfo = "modelservice_model_info";

    /// <summary>1 ms .. 2 s, dense around the 50-300 ms a latency fault adds.</summary>
    public static readonly double[] DurationBuckets =
        [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2];

    /// <summary>Every 0.05 from 0.05 to 1.0, rounded so the <c>le</c> labels read 0.15, not 0.15000000000000002.</summary>
    public static readonly double[] PredictionBuckets =
        Enumerable.Range(1, 20).Select(i => Math.Round(i * 0.05, 2)).ToArray();

    /// <summary>Standardised features: every 0.5 from -3 to 3.</summary>
    public static readonly double[] FeatureBuckets =
        Enumerable.Range(-6, 13).Select(i => i * 0.5).ToArray();

    public ServiceMetrics(CollectorRegistry registry, LogisticModel model)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);

        Requests = factory.CreateCounter(
            RequestsTotal, "HTTP requests answered, by route template and status code.", ["route", "code"]);
        RequestDuration = factory.CreateHistogram(
            RequestDurationSeconds, "Time to answer an HTTP request, by route template.", ["route"],
            new HistogramConfiguration { Buckets = DurationBuckets });
        Predictions = factory.CreateHistogram(
            PredictionValue, "Predicted probabilities.", [],
            new HistogramConfiguration { Buckets = PredictionBuckets });
        Features = factory.CreateHistogram(
            FeatureValue, "Input feature values received by /predict.", ["feature"],
            new HistogramConfiguration { Buckets = FeatureBuckets });

        factory.CreateGauge(ModelInfo, "The loaded model artifact; always 1.", ["model_version"])
            .WithLabels(model.Version).Set(1);

        // Pre-create the feature series so a drift query sees every feature from the first scrape.
        foreach (var feature in model.Features)
        {
            Features.WithLabels(feature);
        }
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram RequestDuration { get; }

    public Histogram Predictions { get; }

    public Histogram Features { get; }
}
