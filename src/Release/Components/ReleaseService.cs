namespace Shipgate.Release.Components;

/// <summary>
/// What a build program says about the service it releases; everything has a default but the name and the image.
/// <code>
/// ReleaseService IReleaseTargets.Service => new("churn-model", ImageSource.Dockerfile("."))
/// {
///     Port = 8000,
///     Traffic = new TrafficSettings { Path = "/predict", Body = """{"x": 1}""" },
/// };
/// </code>
/// </summary>
public sealed record ReleaseService(string Name, ImageSource Image)
{
    /// <summary>The port the service listens on (it is given PORT); an environment may override it.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Answers 2xx when the service is ready.</summary>
    public string HealthPath { get; init; } = "/health";

    /// <summary>Where Prometheus scrapes the service's metrics.</summary>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>The gates Verify runs, relative to the root.</summary>
    public string GatesFile { get; init; } = "deploy/gates.yaml";

    /// <summary>Where the environments are described, relative to the root; without the file every environment is the embedded stack.</summary>
    public string EnvironmentsFile { get; init; } = "deploy/environments.yaml";

    /// <summary>Synthetic traffic sent during verification; null for environments with real traffic.</summary>
    public TrafficSettings? Traffic { get; init; }

    /// <summary>Environment variables every instance gets (never secrets: they would be in the engine's inspect output).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The shell scripts that start the embedded stack's engine, registry and Prometheus, relative to the root.</summary>
    public string StackScripts { get; init; } = "scripts/stack";
}
