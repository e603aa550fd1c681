using System.Net;

namespace ModelService.Tests;

public sealed class PredictionTests
{
    // σ(z) for z = 0.3 + 0.5·2 − 1.25·0.4 = 0.8, computed with Python's math.exp: 1/(1+exp(-0.8)).
    private const double SigmoidOf08 = 0.6899744811276125;

    [Fact]
    public async Task Predict_returns_the_logistic_of_the_weighted_sum()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        var p = await service.PredictProbabilityAsync(new { a = 2.0, b = 0.4 });

        Assert.Equal(SigmoidOf08, p, precision: 12);
    }

    [Fact]
    public async Task Predict_with_all_features_zero_returns_the_logistic_of_the_bias()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        var p = await service.PredictProbabilityAsync(new { a = 0.0, b = 0.0 });

        // 1/(1+exp(-0.3)) from Python.
        Assert.Equal(0.574442516811659, p, precision: 12);
    }

    [Fact]
    public async Task The_committed_v1_artifact_loads_and_predicts()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.Committed("model-v1.json"));

        var p = await service.PredictProbabilityAsync(new { tenure = 0.1, monthly_usage = 1.0, support_calls = 2.0, discount = 0.0 });

        // z = -0.25 - 0.85·0.1 + 0.40·1 + 1.10·2 = 2.265; 1/(1+exp(-2.265)) from Python.
        Assert.Equal(0.9059365742081922, p, precision: 12);
    }

    [Theory]
    [InlineData("""{"features":{"a":1}}""", "Missing feature(s): b")]
    [InlineData("""{"features":{"a":1,"b":2,"c":3}}""", "Unknown feature(s): c")]
    [InlineData("""{"nothing":1}""", "Body must be")]
    public async Task Predict_rejects_wrong_features_naming_them(string body, string expected)
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        using var response = await service.Client.PostAsync(
            "/predict", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_model_version_and_features()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures(version: "42"));

        var health = await service.Client.GetStringAsync("/health");

        Assert.Contains("\"modelVersion\":\"42\"", health, StringComparison.Ordinal);
        Assert.Contains("\"features\":[\"a\",\"b\"]", health, StringComparison.Ordinal);
    }
}
