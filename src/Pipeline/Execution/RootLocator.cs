namespace Shipgate.Pipeline.Execution;

/// <summary>The build's root is the nearest directory with a <c>.nuke</c> folder, as in Nuke.</summary>
internal static class RootLocator
{
    public static string Find(string? explicitRoot, BuildEnvironment environment)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot, environment.WorkingDirectory);
            return Directory.Exists(full) ? full : throw new RootNotFoundException($"--root '{explicitRoot}' is not a directory.");
        }

        // From the working directory first (Nuke's rule), then from the program itself, so
        // ./build.sh works from any directory.
        return Above(environment.WorkingDirectory) ?? Above(environment.ProgramDirectory)
            ?? throw new RootNotFoundException(
                $"No .nuke folder in '{environment.WorkingDirectory}' or above it; run from the repository or pass --root.");
    }

    private static string? Above(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        return null;
    }
}

internal sealed class RootNotFoundException(string message) : Exception(message);
