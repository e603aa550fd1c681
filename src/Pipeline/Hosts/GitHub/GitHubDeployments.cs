using Octokit;

namespace Shipgate.Pipeline.Hosts.GitHub;

/// <summary>
/// Mirrors a release on GitHub: one deployment per release, its statuses in_progress → success or failure
/// (failure on rollback, with the gate summary), and a commit status on the released commit.
/// </summary>
public sealed class GitHubDeployments(GitHubConnection connection)
{
    // GitHub rejects longer descriptions on deployment and commit statuses.
    private const int MaxDescription = 140;

    public async Task<GitHubDeployment> StartAsync(string environment, string commit, string releaseId, Uri? logUrl)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var deployment = await connection.Client.Repository.Deployment.Create(connection.Owner, connection.Repository, new NewDeployment(commit)
        {
            Environment = environment,
            Description = Shorten($"Shipgate release {releaseId}"),
            AutoMerge = false,
            RequiredContexts = [],
            ProductionEnvironment = string.Equals(environment, "production", StringComparison.OrdinalIgnoreCase),
            Payload = new Dictionary<string, string> { ["release"] = releaseId },
        });
        var started = new GitHubDeployment(deployment.Id, environment, commit, logUrl);
        await SetStatusAsync(started, DeploymentState.InProgress, CommitState.Pending, $"Deploying release {releaseId}", null);
        return started;
    }

    public Task SucceedAsync(GitHubDeployment deployment, string summary, Uri? environmentUrl = null) =>
        SetStatusAsync(deployment, DeploymentState.Success, CommitState.Success, summary, environmentUrl);

    /// <summary>The release failed its gates or was rolled back: <paramref name="gateSummary"/> says why.</summary>
    public Task FailAsync(GitHubDeployment deployment, string gateSummary) =>
        SetStatusAsync(deployment, DeploymentState.Failure, CommitState.Failure, gateSummary, null);

    private async Task SetStatusAsync(GitHubDeployment deployment, DeploymentState state, CommitState commitState, string description, Uri? environmentUrl)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var text = Shorten(description);
        await connection.Client.Repository.Deployment.Status.Create(connection.Owner, connection.Repository, deployment.Id, new NewDeploymentStatus(state)
        {
            Description = text,
            LogUrl = deployment.LogUrl?.ToString(),
            EnvironmentUrl = environmentUrl?.ToString(),
        });
        await connection.Client.Repository.Status.Create(connection.Owner, connection.Repository, deployment.Commit, new NewCommitStatus
        {
            State = commitState,
            Context = $"shipgate/{deployment.Environment}",
            Description = text,
            TargetUrl = deployment.LogUrl?.ToString(),
        });
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxDescription ? line : line[..(MaxDescription - 1)] + "…";
    }
}

/// <summary>A deployment created on GitHub for one release.</summary>
public sealed record GitHubDeployment(long Id, string Environment, string Commit, Uri? LogUrl);
