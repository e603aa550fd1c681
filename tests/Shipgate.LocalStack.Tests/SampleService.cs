using Microsoft.AspNetCore.Builder;
using Shipgate.Samples.ModelService;

namespace Shipgate.LocalStack.Tests;

/// <summary>The real sample service, in-process, as a scrape and load target.</summary>
internal sealed class SampleService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleService(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Address}/");

    public static async Task<SampleService> StartAsync(params string[] settings)
    {
        var port = Ports.Next();
        var model = Path.Combine(AppContext.BaseDirectory, "model", "model-v1.json");
        var app = ModelServiceApp.Create(
        [
            "--urls", $"http://127.0.0.1:{port}", $"--ModelService:ModelPath={model}", "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => "--" + s),
        ]);
        await app.StartAsync();
        return new SampleService(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
