namespace Shipgate.Pipeline.Hosts;

/// <summary>Reads the checked-out commit and branch from <c>.git</c> without running git (the terminal host's metadata).</summary>
internal static class LocalGit
{
    public static (string? Commit, string? Branch)? ReadHead(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var gitDirectory = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(gitDirectory))
                return Read(gitDirectory);
        }

        return null;
    }

    private static (string? Commit, string? Branch) Read(string gitDirectory)
    {
        var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            return (head, null); // detached HEAD
        var reference = head["ref: ".Length..];
        var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
        var loose = Path.Combine(gitDirectory, reference);
        if (File.Exists(loose))
            return (File.ReadAllText(loose).Trim(), branch);
        var packed = Path.Combine(gitDirectory, "packed-refs");
        var commit = File.Exists(packed)
            ? File.ReadLines(packed).Select(line => line.Split(' ', 2)).FirstOrDefault(parts => parts.Length == 2 && parts[1] == reference)?[0]
            : null;
        return (commit, branch);
    }
}
