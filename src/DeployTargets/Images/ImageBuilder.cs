using Docker.DotNet;
using Docker.DotNet.Models;
using Polly;
using Polly.Retry;
using Serilog;
using Shipgate.DeployTargets.Engine;

namespace Shipgate.DeployTargets.Images;

/// <summary>Builds an image through the Engine API, tags it with the commit and version, and pushes it for its digest.</summary>
public sealed class ImageBuilder(EngineConnection connection, ILogger? log = null)
{
    private readonly ILogger _log = log ?? Serilog.Core.Logger.None;

    public const string RevisionLabel = "org.opencontainers.image.revision";
    public const string VersionLabel = "org.opencontainers.image.version";
    public const string CreatedLabel = "org.opencontainers.image.created";

    /// <summary>Builds, tags and pushes; returns the pushed digest reference to deploy.</summary>
    public async Task<PushedImage> BuildAndPushAsync(ImageBuildRequest request, RegistryCredentials? credentials,
        PushRetryOptions? retry = null, CancellationToken cancellationToken = default)
    {
        var tags = await BuildAsync(request, cancellationToken).ConfigureAwait(false);
        return await PushAsync(request.Repository, tags, credentials, retry ?? new PushRetryOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the image and returns its tags (commit SHA, then version).</summary>
    public async Task<IReadOnlyList<string>> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await BuildOnceAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DeployTargetException e) when (e.Kind == DeployErrorKind.BuildFailed && e.Message.Contains("unable to find image", StringComparison.Ordinal))
        {
            // The classic builder's layer cache can point at an image another client removed a moment ago on a shared
            // engine; a second build no longer finds it in the cache and succeeds.
            _log.Warning("Build of {Repository} hit a removed cache image; building again", request.Repository);
            return await BuildOnceAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> BuildOnceAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        var tags = new[] { ImageTags.Validate(request.Commit, "the commit"), ImageTags.Validate(request.Version, "the version") }
            .Distinct().ToList();
        var labels = new Dictionary<string, string>(request.Labels)
        {
            [RevisionLabel] = request.Commit,
            [VersionLabel] = request.Version,
            [CreatedLabel] = (request.BuildTime ?? DateTimeOffset.UtcNow).ToString("O"),
        };
        await using var context = await BuildContext.CreateTarAsync(request.ContextDirectory, request.Dockerfile, cancellationToken).ConfigureAwait(false);
        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.Dockerfile.Replace('\\', '/'),
            Tags = tags.Select(t => $"{request.Repository}:{t}").ToList(),
            BuildArgs = new Dictionary<string, string>(request.BuildArgs),
            Labels = labels,
            NetworkMode = request.NetworkMode,
            Remove = true,
            ForceRemove = true,
        };
        var output = new List<string>();
        string? error = null;
        var progress = new SynchronousProgress<JSONMessage>(m =>
        {
            lock (output)
            {
                if (!string.IsNullOrWhiteSpace(m.Stream)) output.Add(m.Stream.TrimEnd());
                error ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage);
            }
        });
        using var client = connection.CreateClient();
        await EngineErrors.Call(connection, $"building {request.Repository}", () =>
            client.Images.BuildImageFromDockerfileAsync(parameters, context, [], new Dictionary<string, string>(), progress, cancellationToken)).ConfigureAwait(false);
        var built = await TryInspectAsync(client, parameters.Tags[0], cancellationToken).ConfigureAwait(false);
        lock (output)
        {
            if (error is not null || built is null)
                throw new DeployTargetException(DeployErrorKind.BuildFailed,
                    $"Building {request.Repository} from {Path.Combine(request.ContextDirectory, request.Dockerfile)} failed: {error ?? "no image produced"}\n" +
                    string.Join('\n', output.TakeLast(15)));
        }
        _log.Information("Built {Repository} with tags {Tags}", request.Repository, tags);
        return tags;
    }

    /// <summary>Pushes every tag (retrying a registry that is down) and returns the digest the registry reports.</summary>
    public async Task<PushedImage> PushAsync(string repository, IReadOnlyList<string> tags, RegistryCredentials? credentials,
        PushRetryOptions retry, CancellationToken cancellationToken = default)
    {
        var pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DeployTargetException>(e => e.Kind == DeployErrorKind.RegistryUnavailable),
            MaxRetryAttempts = Math.Max(1, retry.MaxRetries),
            Delay = retry.InitialDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = a =>
            {
                _log.Warning("Push of {Repository} failed (attempt {Attempt}), retrying in {Delay}: {Error}",
                    repository, a.AttemptNumber + 1, a.RetryDelay, a.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        }).Build();
        if (retry.MaxRetries <= 0) pipeline = ResiliencePipeline.Empty;

        using var client = connection.CreateClient();
        foreach (var tag in tags)
        {
            await pipeline.ExecuteAsync(async ct => await PushOnceAsync(client, repository, tag, credentials, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        var image = await TryInspectAsync(client, $"{repository}:{tags[0]}", cancellationToken).ConfigureAwait(false);
        var digest = image?.RepoDigests?.FirstOrDefault(d => d.StartsWith(repository + "@", StringComparison.Ordinal))?[(repository.Length + 1)..]
            ?? throw new DeployTargetException(DeployErrorKind.EngineError, $"The registry reported no digest for {repository}:{tags[0]} after the push.");
        _log.Information("Pushed {Repository}@{Digest}", repository, digest);
        return new PushedImage(repository, digest, tags);
    }

    private async Task PushOnceAsync(DockerClient client, string repository, string tag, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        string? error = null;
        var progress = new SynchronousProgress<JSONMessage>(m =>
            error ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage));
        try
        {
            await client.Images.PushImageAsync($"{repository}:{tag}", new ImagePushParameters { Tag = tag },
                ToAuthConfig(repository, credentials), progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            error = EngineErrors.ApiMessage(e);
        }
        catch (Exception e) when (EngineErrors.IsUnreachable(e))
        {
            throw EngineErrors.Unreachable(connection, $"pushing {repository}:{tag}", e);
        }
        if (error is not null)
        {
            var safe = RegistryCredentials.Mask(error, credentials);
            var kind = RegistryErrors.Classify(safe);
            throw new DeployTargetException(kind == DeployErrorKind.ImageMissing ? DeployErrorKind.EngineError : kind,
                $"Pushing {repository}:{tag} to {RegistryHost(repository)} failed ({kind}): {safe}");
        }
    }

    internal static AuthConfig ToAuthConfig(string repository, RegistryCredentials? credentials) =>
        credentials is null
            ? new AuthConfig()
            : new AuthConfig { Username = credentials.Username, Password = credentials.Password, ServerAddress = RegistryHost(repository) };

    internal static string RegistryHost(string repository)
    {
        var slash = repository.IndexOf('/');
        return slash < 0 ? "docker.io" : repository[..slash];
    }

    private static async Task<ImageInspectResponse?> TryInspectAsync(DockerClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
