namespace Shipgate.DeployTargets.Images;

/// <summary>
/// What to build: a context directory and its Dockerfile, the repository to push to
/// (e.g. <c>127.0.0.1:5000/model-service</c>), and the version and commit that become tags and labels.
/// </summary>
public sealed record ImageBuildRequest(string ContextDirectory, string Repository, string Version, string Commit)
{
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Recorded in the org.opencontainers.image.created label; now when absent.</summary>
    public DateTimeOffset? BuildTime { get; init; }

    /// <summary>Network for RUN steps; "host" because the engine here runs without a bridge.</summary>
    public string NetworkMode { get; init; } = "host";
}
