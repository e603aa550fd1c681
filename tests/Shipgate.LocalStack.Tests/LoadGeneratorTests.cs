using Shipgate.LocalStack.Load;

namespace Shipgate.LocalStack.Tests;

/// <summary>The load generator against the real sample service on 127.0.0.1.</summary>
public sealed class LoadGeneratorTests
{
    private static readonly string[] SampleFeatures = ["tenure", "monthly_usage", "support_calls", "discount"];

    private static LoadProfile Ramp(double start, double end, double seconds) => new()
    {
        StartRate = start,
        EndRate = end,
        Duration = TimeSpan.FromSeconds(seconds),
        Features = FeatureDistribution.StandardNormal(SampleFeatures),
        Seed = 11,
    };

    [Fact]
    public async Task A_ramp_sends_every_planned_request_and_the_service_counts_them()
    {
        await using var service = await SampleService.StartAsync();
        using var http = new HttpClient();
        var profile = Ramp(20, 60, 2); // (20 + 60) / 2 · 2 = 80 requests

        var result = await new LoadGenerator(http).RunAsync(service.BaseUri, profile);

        Assert.Equal(80, result.Planned);
        Assert.Equal(80, result.Sent + result.Dropped);
        Assert.Equal(result.Sent, result.Succeeded);
        Assert.Equal(result.Sent, result.Latency.Count);
        Assert.False(result.Cancelled);
        // The last request is due at about 1.97 s: the schedule is kept, not rushed.
        Assert.True(result.Elapsed >= TimeSpan.FromSeconds(1.9), $"finished after {result.Elapsed}");
        var metrics = await http.GetStringAsync(new Uri(service.BaseUri, "/metrics"));
        Assert.Contains($"modelservice_requests_total{{route=\"/predict\",code=\"200\"}} {result.Sent}", metrics, StringComparison.Ordinal);
        Assert.Contains($"modelservice_feature_value_count{{feature=\"tenure\"}} {result.Sent}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_counted_by_status_code()
    {
        await using var service = await SampleService.StartAsync("ModelService:Faults:ErrorRate=0.3", "ModelService:Faults:Seed=5");
        using var http = new HttpClient();

        var result = await new LoadGenerator(http).RunAsync(service.BaseUri, Ramp(100, 100, 2));

        Assert.Equal(result.Sent, result.Succeeded + result.ServerErrors);
        Assert.Equal(result.ServerErrors, result.StatusCodes[500]);
        // Binomial(200, 0.3): mean 60, sd 6.5; ±4 sd.
        Assert.InRange(result.ServerErrors, 34, 86);
    }

    [Fact]
    public async Task Cancelling_stops_the_ramp_and_returns_what_was_sent()
    {
        await using var service = await SampleService.StartAsync();
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var result = await new LoadGenerator(http).RunAsync(service.BaseUri, Ramp(10, 10, 60), cancel.Token);

        Assert.True(result.Cancelled);
        Assert.InRange(result.Sent, 1, 30); // about 10 in the first second, of 600 planned
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task A_service_that_is_not_there_shows_as_transport_errors()
    {
        using var http = new HttpClient();

        var result = await new LoadGenerator(http).RunAsync(new Uri($"http://127.0.0.1:{Ports.Next()}/"), Ramp(10, 10, 1));

        Assert.Equal(result.Sent, result.TransportErrors);
        Assert.Equal(0, result.Succeeded);
    }

    [Theory]
    [InlineData("http://10.0.0.7:8080/")]
    [InlineData("http://example.org/")]
    public async Task Non_loopback_targets_are_refused_before_any_request(string target)
    {
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new LoadGenerator(http).RunAsync(new Uri(target), Ramp(10, 10, 1)));

        Assert.Equal("target", error.ParamName);
    }
}
