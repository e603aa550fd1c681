using Serilog;
using Shipgate.Pipeline;
using Shipgate.Pipeline.Hosts.GitHub;

namespace Shipgate.Build;

/// <summary>
/// With a GitHub token (GitHub Actions passes GITHUB_TOKEN), each release is a GitHub deployment whose status
/// follows it: in_progress on Deploy, success on Promote, failure with the gate summary on Rollback.
/// Reporting to GitHub never decides a release: a failure to post is a warning.
/// </summary>
internal sealed partial class Build
{
    [Parameter("GitHub token; with it (and GITHUB_REPOSITORY) every release is a GitHub deployment with statuses"), Secret]
    private readonly string? GitHubToken;

    private GitHubDeployment? _gitHubDeployment;

    private GitHubDeployments? GitHubDeployments =>
        GitHubToken is null || System.Environment.GetEnvironmentVariable("GITHUB_REPOSITORY")?.Split('/') is not [var owner, var repository]
            ? null
            : new GitHubDeployments(GitHubConnection.Create(
                new Uri(System.Environment.GetEnvironmentVariable("GITHUB_API_URL") ?? "https://api.github.com"), GitHubToken, owner, repository));

    private Task ReportDeploymentStartedAsync(string releaseId) => ToGitHubAsync(async github =>
        _gitHubDeployment = await github.StartAsync(Environment, Commit, releaseId, Host.Metadata.PipelineUrl is { } url ? new Uri(url) : null));

    private Task ReportDeploymentAsync(bool succeeded, string summary) => ToGitHubAsync(github =>
        _gitHubDeployment is null ? Task.CompletedTask
        : succeeded ? github.SucceedAsync(_gitHubDeployment, summary)
        : github.FailAsync(_gitHubDeployment, summary));

    private async Task ToGitHubAsync(Func<GitHubDeployments, Task> report)
    {
        if (GitHubDeployments is not { } github)
            return;
        try
        {
            await report(github);
        }
        catch (Exception exception) when (exception is Octokit.ApiException or HttpRequestException)
        {
            Log.Warning("GitHub deployment status not posted: {Message}", exception.Message);
        }
    }
}
