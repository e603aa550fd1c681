using System.Diagnostics;
using System.Net;

namespace ModelService.Tests;

public sealed class FaultInjectionTests
{
    private const double SigmoidOf08 = 0.6899744811276125; // 1/(1+exp(-0.8)), Python

    private static readonly object Features = new { a = 2.0, b = 0.4 }; // z = 0.8

    private static async Task<int> CountServerErrorsAsync(RunningModelService service, int requests)
    {
        var errors = 0;
        for (var i = 0; i < requests; i++)
        {
            using var response = await service.PredictAsync(Features);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                errors++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        return errors;
    }

    [Fact]
    public async Task Error_rate_fails_the_configured_fraction_of_predictions()
    {
        const int requests = 1000;
        await using var service = await RunningModelService.StartAsync(
            ModelFiles.TwoFeatures(), "ModelService:Faults:ErrorRate=0.2", "ModelService:Faults:Seed=1234");

        var errors = await CountServerErrorsAsync(service, requests);

        // Binomial(1000, 0.2): mean 200, sd 12.6; ±4 sd is 150..250 (a false alarm about 1 in 15,000 seeds).
        Assert.InRange(errors, 150, 250);
        var metrics = PrometheusText.Parse(await service.MetricsAsync());
        Assert.Equal(errors, metrics.Single("modelservice_requests_total", ("route", "/predict"), ("code", "500")));
        Assert.Equal(requests - errors, metrics.Single("modelservice_requests_total", ("route", "/predict"), ("code", "200")));
    }

    [Fact]
    public async Task The_same_seed_fails_the_same_requests()
    {
        string[] settings = ["ModelService:Faults:ErrorRate=0.5", "ModelService:Faults:Seed=99"];
        await using var first = await RunningModelService.StartAsync(ModelFiles.TwoFeatures(), settings);
        await using var second = await RunningModelService.StartAsync(ModelFiles.TwoFeatures(), settings);

        var firstErrors = await CountServerErrorsAsync(first, 200);
        var secondErrors = await CountServerErrorsAsync(second, 200);

        Assert.Equal(firstErrors, secondErrors);
        Assert.InRange(firstErrors, 70, 130); // Binomial(200, 0.5): mean 100, sd 7.1
    }

    [Fact]
    public async Task No_fault_configured_means_no_server_errors()
    {
        await using var service = await RunningModelService.StartAsync(ModelFiles.TwoFeatures());

        Assert.Equal(0, await CountServerErrorsAsync(service, 200));
    }

    [Fact]
    public async Task Extra_latency_delays_every_prediction_and_shows_in_the_histogram()
    {
        await using var service = await RunningModelService.StartAsync(
            ModelFiles.TwoFeatures(), "ModelService:Faults:LatencyMs=200");

        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await service.PredictProbabilityAsync(Features);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(195), $"request took {watch.Elapsed.TotalMilliseconds} ms");
        }

        var metrics = PrometheusText.Parse(await service.MetricsAsync());
        Assert.Equal(0, metrics.Single("modelservice_request_duration_seconds_bucket", ("route", "/predict"), ("le", "0.15")));
        Assert.Equal(3, metrics.Single("modelservice_request_duration_seconds_bucket", ("route", "/predict"), ("le", "+Inf")));
    }

    [Fact]
    public async Task Prediction_shift_moves_every_prediction()
    {
        await using var service = await RunningModelService.StartAsync(
            ModelFiles.TwoFeatures(), "ModelService:Faults:PredictionShift=0.3");

        Assert.Equal(SigmoidOf08 + 0.3, await service.PredictProbabilityAsync(Features), precision: 12);
        // z = 0.3 + 0.5·10 = 5.3, σ ≈ 0.995; shifted past 1 it is clamped.
        Assert.Equal(1.0, await service.PredictProbabilityAsync(new { a = 10.0, b = 0.0 }));
    }

    [Theory]
    [InlineData("ModelService:Faults:ErrorRate=1.5", "ErrorRate")]
    [InlineData("ModelService:Faults:LatencyMs=-1", "LatencyMs")]
    [InlineData("ModelService:Faults:PredictionShift=2", "PredictionShift")]
    public async Task An_impossible_fault_setting_stops_start_up_naming_it(string setting, string name)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RunningModelService.StartAsync(ModelFiles.TwoFeatures(), setting));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
