namespace Shipgate.LocalStack.Images;

/// <summary>A ready Docker build context: hand <see cref="Directory"/> to the image builder.</summary>
public sealed record ImageContext(
    string Directory, string DockerfilePath, IReadOnlyList<string> SystemLibraries, TimeSpan PublishDuration, long SizeBytes);
