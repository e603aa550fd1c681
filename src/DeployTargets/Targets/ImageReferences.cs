namespace Shipgate.DeployTargets.Targets;

/// <summary>Deploys go by digest so that what was verified is what runs.</summary>
public static class ImageReferences
{
    public static void RequireDigest(string image)
    {
        var at = image.IndexOf("@sha256:", StringComparison.Ordinal);
        if (at <= 0 || image.Length - at - "@sha256:".Length != 64)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"Image '{image}' is not a digest reference (repository@sha256:<64 hex>): deploys use the digest the push returned.");
    }
}
