namespace Shipgate.Pipeline.Hosts;

/// <summary>Reads the checked-out commit and branch from <c>.git</c> without running git (the terminal host's metadata).</summary>
internal static class LocalGit
{
    public static (string? Commit, string? Branch)? ReadHead(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit))
                return Read(dotGit, dotGit);
            // A linked worktree (git worktree add) or a submodule: .git is a file "gitdir: <path>".
            if (File.Exists(dotGit) && LinkedGitDirectory(dotGit, current.FullName) is { } linked)
                return Read(linked, CommonDirectory(linked));
        }

        return null;
    }

    private static string? LinkedGitDirectory(string dotGitFile, string worktree)
    {
        var line = File.ReadLines(dotGitFile).FirstOrDefault() ?? "";
        const string Prefix = "gitdir:";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var path = Path.GetFullPath(line[Prefix.Length..].Trim(), worktree);
        return Directory.Exists(path) ? path : null;
    }

    // A worktree's HEAD is its own; branches and packed-refs live in the repository's common directory.
    private static string CommonDirectory(string gitDirectory)
    {
        var file = Path.Combine(gitDirectory, "commondir");
        return File.Exists(file) ? Path.GetFullPath(File.ReadAllText(file).Trim(), gitDirectory) : gitDirectory;
    }

    private static (string? Commit, string? Branch) Read(string gitDirectory, string commonDirectory)
    {
        var head = File.ReadAllText(Path.Combine(gitDirectory, "HEAD")).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            return (head, null); // detached HEAD
        var reference = head["ref: ".Length..];
        var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
        foreach (var directory in new[] { gitDirectory, commonDirectory }.Distinct())
        {
            var loose = Path.Combine(directory, reference);
            if (File.Exists(loose))
                return (File.ReadAllText(loose).Trim(), branch);
        }

        var packed = Path.Combine(commonDirectory, "packed-refs");
        var commit = File.Exists(packed)
            ? File.ReadLines(packed).Select(line => line.Split(' ', 2)).FirstOrDefault(parts => parts.Length == 2 && parts[1] == reference)?[0]
            : null;
        return (commit, branch);
    }
}
