using System.Diagnostics;

namespace Shipgate.Pipeline.Tests.Bootstrap;

/// <summary>
/// A private copy of the repository's build program, engine and bootstrap scripts in a temp folder,
/// so the tests can run the real ./build.sh, edit Build.cs and watch the bootstrap react.
/// </summary>
public sealed class BootstrapFixture : IDisposable
{
    private static readonly string[] Copied = ["build", "src", "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "build.sh", ".nuke/parameters.json"];

    public BootstrapFixture()
    {
        var source = FindRepositoryRoot();
        foreach (var entry in Copied)
            Copy(Path.Combine(source, entry), Path.Combine(Root, entry));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "shipgate-bootstrap-" + Guid.NewGuid().ToString("N"));

    public (int ExitCode, string Out, string Error) BuildSh(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build.sh"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./build.sh {string.Join(' ', args)} did not finish in 5 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new DirectoryNotFoundException("The repository root (with build.sh and .nuke) is not above the test assembly.");
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                continue;
            Copy(file, Path.Combine(to, relative));
        }
    }
}
