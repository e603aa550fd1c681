namespace Shipgate.Samples.ModelService;

/// <summary>A model artifact that cannot be used; the message names the file.</summary>
public sealed class ModelArtifactException : Exception
{
    public ModelArtifactException(string path, string problem, Exception? inner = null)
        : base($"Model artifact '{path}': {problem}", inner)
    {
        ArtifactPath = path;
    }

    public string ArtifactPath { get; }
}
