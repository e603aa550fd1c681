using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Shipgate.Samples.ModelService;

namespace ModelService.Tests;

/// <summary>The real service, hosted by Kestrel in this process on a 127.0.0.1 port of this project's range.</summary>
internal sealed class RunningModelService : IAsyncDisposable
{
    // 18100-18149 belong to these tests (18150-18199 to Shipgate.LocalStack.Tests).
    private static int s_nextPort = 18100;

    private readonly WebApplication _app;

    private RunningModelService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public static int NextPort()
    {
        var port = Interlocked.Increment(ref s_nextPort) - 1;
        return port < 18150 ? port : throw new InvalidOperationException("ModelService.Tests ran out of ports 18100-18149");
    }

    public static async Task<RunningModelService> StartAsync(string modelPath, params string[] settings)
    {
        var port = NextPort();
        string[] args =
        [
            "--urls", $"http://127.0.0.1:{port}",
            $"--ModelService:ModelPath={modelPath}",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => "--" + s),
        ];
        var app = ModelServiceApp.Create(args);
        await app.StartAsync();
        return new RunningModelService(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public Task<HttpResponseMessage> PredictAsync(object features) =>
        Client.PostAsJsonAsync("/predict", new { features });

    public async Task<double> PredictProbabilityAsync(object features)
    {
        using var response = await PredictAsync(features);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("probability").GetDouble();
    }

    public Task<string> MetricsAsync() => Client.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
