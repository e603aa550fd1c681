using System.Formats.Tar;

namespace Shipgate.DeployTargets.Images;

/// <summary>Packs a build context directory into the tar stream the Engine API expects, honouring .dockerignore.</summary>
public static class BuildContext
{
    /// <summary>Relative paths ('/'-separated) that go into the context, in a stable order.</summary>
    public static IReadOnlyList<string> SelectFiles(string contextDirectory, string dockerfile)
    {
        var ignore = DockerIgnore.Load(contextDirectory);
        var root = Path.GetFullPath(contextDirectory);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !ignore.IsExcluded(f))
            .ToList();
        // The CLI always sends the Dockerfile and .dockerignore so the daemon can read them.
        foreach (var always in new[] { dockerfile.Replace('\\', '/'), ".dockerignore" })
        {
            if (!files.Contains(always) && File.Exists(Path.Combine(root, always))) files.Add(always);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static async Task<Stream> CreateTarAsync(string contextDirectory, string dockerfile, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(contextDirectory))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Build context directory not found: {contextDirectory}");
        if (!File.Exists(Path.Combine(contextDirectory, dockerfile)))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Dockerfile not found: {Path.Combine(contextDirectory, dockerfile)}");

        var buffer = new MemoryStream();
        await using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in SelectFiles(contextDirectory, dockerfile))
            {
                await writer.WriteEntryAsync(Path.Combine(contextDirectory, file), file, cancellationToken).ConfigureAwait(false);
            }
        }
        buffer.Position = 0;
        return buffer;
    }
}
