namespace Shipgate.LocalStack.Images;

/// <summary>Where to find the service and where to put its Docker build context.</summary>
/// <param name="ProjectPath">The service's .csproj (e.g. samples/ModelService/ModelService.csproj).</param>
/// <param name="DockerfilePath">The Dockerfile copied into the context (e.g. samples/ModelService/Dockerfile).</param>
/// <param name="ContextDirectory">Created or emptied; receives Dockerfile, app/ and rootfs/.</param>
public sealed record ImageContextOptions(string ProjectPath, string DockerfilePath, string ContextDirectory)
{
    public string Configuration { get; init; } = "Release";

    public string RuntimeIdentifier { get; init; } = "linux-x64";

    /// <summary>Extra MSBuild properties for the publish, e.g. a Version.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Environment variables the publish and ldd children start without (the build's secrets): <c>dotnet publish</c> may
    /// leave build servers running, which would keep them for their lifetime.
    /// </summary>
    public IReadOnlyList<string> WithheldVariables { get; init; } = [];
}
