using Prometheus;

namespace Shipgate.Samples.ModelService;

/// <summary>
/// Builds the service. Configuration (section <c>ModelService</c>, environment <c>MODELSERVICE__...</c>):
/// <c>ModelPath</c> (default <c>model/model-v1.json</c> beside the binary) and <c>Faults</c> (<see cref="FaultOptions"/>).
/// The listen address comes from <c>ASPNETCORE_URLS</c> or <c>--urls</c>.
/// </summary>
public static class ModelServiceApp
{
    public const string DefaultModelPath = "model/model-v1.json";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (ListenAddress.FromDeployTarget(Environment.GetEnvironmentVariable) is { } address)
            builder.WebHost.UseUrls(address);

        // One JSON object per line, so a log shipper (or `docker logs | jq`) can read it.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        var section = builder.Configuration.GetSection("ModelService");
        var modelPath = ResolveModelPath(section["ModelPath"]);
        var model = LogisticModel.Load(modelPath);
        var faults = new FaultInjector(section.GetSection("Faults").Get<FaultOptions>() ?? new FaultOptions());

        // A registry per app, not the process-wide default, so tests can host several instances in one process.
        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);

        builder.Services.AddSingleton(model);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(new ServiceMetrics(registry, model));
        builder.Services.AddSingleton<PredictionEndpoint>();

        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<RequestMetricsMiddleware>();

        app.MapPost("/predict", (PredictionRequest? request, PredictionEndpoint endpoint, CancellationToken ct)
            => endpoint.HandleAsync(request, ct));
        app.MapGet("/health", () => Results.Ok(new { status = "healthy", modelVersion = model.Version, features = model.Features }));
        app.MapMetrics("/metrics", registry);

        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Model {ModelVersion} loaded from {ModelPath} with features {Features}; faults: error rate {ErrorRate}, extra latency {LatencyMs} ms, prediction shift {PredictionShift}",
            model.Version, modelPath, string.Join(", ", model.Features), faults.Options.ErrorRate, faults.Options.LatencyMs, faults.Options.PredictionShift));

        return app;
    }

    /// <summary>Relative paths are taken from the binary's directory, not the working directory, so the image layout decides.</summary>
    private static string ResolveModelPath(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultModelPath : configured;
        return Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
    }
}
