namespace Shipgate.Pipeline.CI;

/// <summary>
/// Where a stage's job runs on each system: the GitHub runner label (and the commands that prepare a hosted runner),
/// the GitLab image or runner tags, the Jenkins agent label. A deploy stage names runners that can reach its
/// environment; untrusted (pull request) jobs should name others, so they never run where deploys run.
/// </summary>
public sealed record CiRunner
{
    /// <summary>GitHub's <c>runs-on</c> label.</summary>
    public string GitHub { get; init; } = "ubuntu-latest";

    /// <summary>Commands run before <c>./build.sh</c> on GitHub (a hosted runner starts bare), e.g. <c>sudo scripts/install-prerequisites.sh</c>.</summary>
    public IReadOnlyList<string> GitHubSetup { get; init; } = [];

    /// <summary>GitLab's <c>image</c>; null: the runner's own (a shell runner chosen by <see cref="GitLabTags"/>).</summary>
    public string? GitLabImage { get; init; }

    /// <summary>GitLab's <c>tags</c>: which registered runners may pick the job up.</summary>
    public IReadOnlyList<string> GitLabTags { get; init; } = [];

    /// <summary>The Jenkins agent label; null: any agent.</summary>
    public string? JenkinsLabel { get; init; }
}
