using System.Diagnostics;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Tests.Parameters;

namespace Shipgate.Pipeline.Tests.Hosts;

/// <summary>The terminal host's commit and branch, read from a real repository made with git.</summary>
public sealed class LocalGitTests : IDisposable
{
    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Reads_the_branch_and_commit_of_a_repository_from_a_subdirectory()
    {
        var repository = Repository("main-repo", "trunk");
        var subdirectory = Directory.CreateDirectory(Path.Combine(repository, "src", "deep")).FullName;

        var head = LocalGit.ReadHead(subdirectory);

        Assert.Equal((Git(repository, "rev-parse", "HEAD"), "trunk"), head);
    }

    [Fact]
    public void Reads_the_branch_and_commit_of_a_linked_worktree()
    {
        var repository = Repository("main-repo", "trunk");
        var worktree = Path.Combine(_root.Path, "linked");
        Git(repository, "worktree", "add", "-q", "-b", "feature", worktree);
        Git(worktree, "commit", "-q", "--allow-empty", "-m", "on the feature");

        var head = LocalGit.ReadHead(worktree);

        Assert.Equal((Git(worktree, "rev-parse", "HEAD"), "feature"), head);
        Assert.NotEqual(Git(repository, "rev-parse", "HEAD"), head?.Commit);
    }

    [Fact]
    public void Reads_a_packed_branch_of_a_linked_worktree_from_the_common_directory()
    {
        var repository = Repository("main-repo", "trunk");
        var worktree = Path.Combine(_root.Path, "linked");
        Git(repository, "worktree", "add", "-q", "-b", "feature", worktree);
        Git(repository, "pack-refs", "--all");

        Assert.Equal((Git(repository, "rev-parse", "HEAD"), "feature"), LocalGit.ReadHead(worktree));
    }

    private string Repository(string name, string branch)
    {
        var path = Directory.CreateDirectory(Path.Combine(_root.Path, name)).FullName;
        Git(path, "init", "-q", "-b", branch);
        Git(path, "commit", "-q", "--allow-empty", "-m", "first");
        return path;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error.Result}");
    }
}
