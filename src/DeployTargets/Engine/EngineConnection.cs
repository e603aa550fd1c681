using Docker.DotNet;

namespace Shipgate.DeployTargets.Engine;

/// <summary>Where the Docker engine listens. The default is the local socket.</summary>
public sealed record EngineConnection(Uri Endpoint)
{
    public static EngineConnection Local { get; } = new(new Uri("unix:///var/run/docker.sock"));

    /// <summary>Engine calls that take longer than this are treated as a hung daemon.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public DockerClient CreateClient() =>
        new DockerClientConfiguration(Endpoint, credentials: null, defaultTimeout: RequestTimeout).CreateClient();
}
