using Docker.DotNet;
using Docker.DotNet.Models;
using Shipgate.DeployTargets.Images;

namespace Shipgate.DeployTargets.Engine;

/// <summary>Makes an image (by digest) present on the engine, pulling it from its registry when absent.</summary>
internal static class ImagePuller
{
    public static async Task EnsureAsync(EngineConnection connection, DockerClient client, string image, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (DockerImageNotFoundException)
        {
            // Pull below.
        }
        catch (Exception e) when (EngineErrors.IsUnreachable(e))
        {
            throw EngineErrors.Unreachable(connection, $"inspecting {image}", e);
        }

        string? error = null;
        var progress = new SynchronousProgress<JSONMessage>(m =>
            error ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage));
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image },
                ImageBuilder.ToAuthConfig(image, credentials), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            error = EngineErrors.ApiMessage(e);
        }
        catch (Exception e) when (EngineErrors.IsUnreachable(e))
        {
            throw EngineErrors.Unreachable(connection, $"pulling {image}", e);
        }
        if (error is null) return;
        var safe = RegistryCredentials.Mask(error, credentials);
        var kind = RegistryErrors.Classify(safe);
        throw new DeployTargetException(kind == DeployErrorKind.EngineError ? DeployErrorKind.ImageMissing : kind,
            $"Pulling {image} failed ({(kind == DeployErrorKind.EngineError ? DeployErrorKind.ImageMissing : kind)}): {safe}");
    }
}
