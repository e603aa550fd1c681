using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;

namespace Shipgate.LocalStack.Images;

/// <summary>
/// Builds the build context of an image that needs no base image: the service published self-contained
/// (<c>app/</c>) and the few host libraries it loads, found with ldd (<c>rootfs/</c>), for a <c>FROM scratch</c>
/// Dockerfile. Nothing is pulled, nothing is installed, and the host is the same Debian the image runs on.
/// </summary>
public static class ImageContextBuilder
{
    /// <summary>LTTng tracing is optional and its library is absent from the host; without this file .NET never asks for it.</summary>
    private const string TracingProvider = "libcoreclrtraceptprovider.so";

    public static async Task<ImageContext> CreateAsync(ImageContextOptions options, CancellationToken cancellationToken = default)
    {
        RequireFile(options.ProjectPath, nameof(options.ProjectPath));
        RequireFile(options.DockerfilePath, nameof(options.DockerfilePath));
        var context = Path.GetFullPath(options.ContextDirectory);
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }

        var app = Path.Combine(context, "app");
        var rootfs = Path.Combine(context, "rootfs");

        var watch = Stopwatch.StartNew();
        await PublishAsync(options, app, cancellationToken);
        var publishDuration = watch.Elapsed;
        File.Delete(Path.Combine(app, TracingProvider));

        var libraries = await SystemLibrariesAsync(app, options.WithheldVariables, cancellationToken);
        foreach (var library in libraries)
        {
            var destination = Path.Combine(rootfs, library.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(library, destination, overwrite: true); // follows symlinks: the image gets the real file under the linked name
        }

        // .NET wants a writable /tmp; a scratch image has none.
        var tmp = Directory.CreateDirectory(Path.Combine(rootfs, "tmp"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp.FullName, (UnixFileMode)0b1_111_111_111); // 1777, like any /tmp
        }

        var dockerfile = Path.Combine(context, "Dockerfile");
        File.Copy(options.DockerfilePath, dockerfile);
        var size = new DirectoryInfo(context).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return new ImageContext(context, dockerfile, libraries, publishDuration, size);
    }

    /// <summary>The child's environment: this process's, without <paramref name="withheld"/> (a null value removes a variable).</summary>
    private static IReadOnlyDictionary<string, string?> Without(IReadOnlyList<string> withheld) =>
        withheld.ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);

    private static async Task PublishAsync(ImageContextOptions options, string output, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "publish", Path.GetFullPath(options.ProjectPath), "-c", options.Configuration, "-r", options.RuntimeIdentifier,
            "--self-contained", "-p:InvariantGlobalization=true", "-p:DebugType=none",
            "-o", output, "--nologo",
        };
        args.AddRange(options.Properties.Select(p => $"-p:{p.Key}={p.Value}"));
        var result = await Cli.Wrap("dotnet").WithArguments(args).WithEnvironmentVariables(Without(options.WithheldVariables))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var errors = string.Join('\n', result.StandardOutput.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20));
            throw new ImageContextException(
                $"dotnet publish {options.ProjectPath} failed (exit {result.ExitCode}):\n{(errors.Length > 0 ? errors : result.StandardError)}");
        }
    }

    /// <summary>Every host library the apphost and the runtime's native parts link against.</summary>
    private static async Task<IReadOnlyList<string>> SystemLibrariesAsync(string app, IReadOnlyList<string> withheld, CancellationToken cancellationToken)
    {
        var binaries = Directory.EnumerateFiles(app, "*.so").Append(FindAppHost(app));
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in binaries)
        {
            var result = await Cli.Wrap("ldd").WithArguments([binary]).WithEnvironmentVariables(Without(withheld))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            var parsed = LddOutput.Parse(result.StandardOutput);
            if (parsed.Missing.Count > 0)
            {
                throw new ImageContextException($"{binary} needs libraries this machine lacks: {string.Join(", ", parsed.Missing)}");
            }

            libraries.UnionWith(parsed.Resolved.Where(path => !path.StartsWith(app, StringComparison.Ordinal)));
        }

        return libraries.ToList();
    }

    /// <summary>The native launcher: the runtimeconfig's name without its suffix.</summary>
    private static string FindAppHost(string app) =>
        Directory.EnumerateFiles(app, "*.runtimeconfig.json").SingleOrDefault()?.Replace(".runtimeconfig.json", "", StringComparison.Ordinal)
        ?? throw new ImageContextException($"No *.runtimeconfig.json in {app}: is the project an executable?");

    private static void RequireFile(string path, string parameter)
    {
        if (!File.Exists(path))
        {
            throw new ImageContextException($"{parameter}: file '{path}' not found.");
        }
    }
}
