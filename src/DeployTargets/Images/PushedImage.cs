namespace Shipgate.DeployTargets.Images;

/// <summary>An image in a registry, identified by its digest; <see cref="Reference"/> is what every deploy uses.</summary>
public sealed record PushedImage(string Repository, string Digest, IReadOnlyList<string> Tags)
{
    public string Reference => $"{Repository}@{Digest}";
}
