using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Release.Artifacts;

/// <summary>
/// What Image and Push produced, kept in <c>artifacts/image/image.json</c> so a later job (or a later
/// <c>./build.sh Deploy --skip Image Push</c>) deploys exactly the pushed digest. The hand-off between CI jobs.
/// </summary>
public sealed record ImageManifest(string Repository, string Version, string Commit, IReadOnlyList<string> Tags, string? Digest)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The reference every deploy uses: by digest, never by tag.</summary>
    [JsonIgnore]
    public string Reference => Digest is null
        ? throw new InvalidOperationException($"Image {Repository}:{Version} was built but not pushed: run the Push target.")
        : $"{Repository}@{Digest}";

    /// <summary>Where Image and Push keep it, under the build's artifacts directory.</summary>
    public static string PathIn(string artifactsDirectory) => System.IO.Path.Combine(artifactsDirectory, "image", "image.json");

    public static ImageManifest Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<ImageManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} is empty.")
            : throw new FileNotFoundException($"{path} does not exist: run the Image and Push targets first.", path);

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
