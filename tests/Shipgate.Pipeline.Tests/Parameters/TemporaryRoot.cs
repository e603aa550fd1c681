namespace Shipgate.Pipeline.Tests.Parameters;

/// <summary>A build root directory under /tmp with a <c>.nuke</c> folder, deleted afterwards.</summary>
internal sealed class TemporaryRoot : IDisposable
{
    public TemporaryRoot()
    {
        Path = Directory.CreateTempSubdirectory("shipgate-pipeline-").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    public string Nuke(string fileName) => System.IO.Path.Combine(Path, ".nuke", fileName);

    public string WriteParameters(string? profile, string json)
    {
        var path = Nuke(profile is null ? "parameters.json" : $"parameters.{profile}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
