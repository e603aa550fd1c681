using System.Text.Json.Serialization;

namespace Shipgate.Samples.ModelService;

public sealed record PredictionRequest(
    [property: JsonPropertyName("features")] Dictionary<string, double>? Features);

public sealed record PredictionResponse(
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("modelVersion")] string ModelVersion);

/// <summary>POST /predict: validates the features, applies injected faults, records what it saw.</summary>
public sealed class PredictionEndpoint(
    LogisticModel model, FaultInjector faults, ServiceMetrics metrics, ILogger<PredictionEndpoint> logger)
{
    public async Task<IResult> HandleAsync(PredictionRequest? request, CancellationToken cancellationToken)
    {
        if (faults.Options.LatencyMs > 0)
        {
            await Task.Delay(faults.ExtraLatency, cancellationToken);
        }

        if (faults.ShouldFail())
        {
            logger.LogWarning("Injected fault: answering 500");
            return Results.Problem("Injected fault (ModelService:Faults:ErrorRate).", statusCode: StatusCodes.Status500InternalServerError);
        }

        var problem = Validate(request?.Features);
        if (problem is not null)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var features = request!.Features!;
        var probability = faults.Shift(model.Predict(features));

        metrics.Predictions.Observe(probability);
        foreach (var name in model.Features)
        {
            metrics.Features.WithLabels(name).Observe(features[name]);
        }

        return Results.Ok(new PredictionResponse(probability, model.Version));
    }

    private string? Validate(Dictionary<string, double>? features)
    {
        if (features is null)
        {
            return $"Body must be {{\"features\": {{...}}}} with the features {string.Join(", ", model.Features)}.";
        }

        var missing = model.Features.Where(f => !features.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            return $"Missing feature(s): {string.Join(", ", missing)}.";
        }

        var unknown = features.Keys.Where(k => !model.Features.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            return $"Unknown feature(s): {string.Join(", ", unknown)}; the model takes {string.Join(", ", model.Features)}.";
        }

        var notFinite = features.Where(kv => !double.IsFinite(kv.Value)).Select(kv => kv.Key).ToList();
        return notFinite.Count > 0 ? $"Feature(s) not finite: {string.Join(", ", notFinite)}." : null;
    }
}
