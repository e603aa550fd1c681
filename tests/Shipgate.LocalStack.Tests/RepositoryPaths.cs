namespace Shipgate.LocalStack.Tests;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest directory above the test binaries holding Shipgate.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shipgate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Shipgate.slnx above {AppContext.BaseDirectory}");
    }
}
