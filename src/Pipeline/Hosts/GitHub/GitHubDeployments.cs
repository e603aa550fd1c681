using System.Globalization;
using Octokit;

namespace Shipgate.Pipeline.Hosts.GitHub;

/// <summary>
/// Mirrors a release on GitHub: one deployment per release, its statuses in_progress → success or failure
/// (failure on rollback, with the gate summary), and a commit status on the released commit.
/// </summary>
/// <param name="connection">the repository</param>
/// <param name="actionsRunId">
/// The GitHub Actions run this process runs in, when any. A job with <c>environment:</c> already has a deployment of
/// the commit to that environment, created by Actions; the release reports on it rather than creating a second one
/// that the environment page and the pull request would show beside it.
/// </param>
public sealed class GitHubDeployments(GitHubConnection connection, long? actionsRunId = null)
{
    // GitHub rejects longer descriptions on deployment and commit statuses.
    private const int MaxDescription = 140;

    // The job's own deployment is among the newest of its commit and environment: re-runs and other workflows add a few.
    private const int DeploymentsSearched = 10;

    public async Task<GitHubDeployment> StartAsync(string environment, string commit, string releaseId, Uri? logUrl)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var id = await JobDeploymentAsync(environment, commit) ?? await CreateAsync(environment, commit, releaseId);
        var started = new GitHubDeployment(id, environment, commit, logUrl);
        await SetStatusAsync(started, DeploymentState.InProgress, CommitState.Pending, $"Deploying release {releaseId}", null);
        return started;
    }

    private async Task<long> CreateAsync(string environment, string commit, string releaseId)
    {
        var deployment = await connection.Client.Repository.Deployment.Create(connection.Owner, connection.Repository, new NewDeployment(commit)
        {
            Environment = environment,
            Description = Shorten($"Shipgate release {releaseId}"),
            AutoMerge = false,
            RequiredContexts = [],
            ProductionEnvironment = string.Equals(environment, "production", StringComparison.OrdinalIgnoreCase),
            Payload = new Dictionary<string, string> { ["release"] = releaseId },
        });
        return deployment.Id;
    }

    /// <summary>
    /// The deployment Actions created for this run's job in <paramref name="environment"/>: the newest of the commit's
    /// there whose statuses link to this run. Null outside Actions or when the job has none (no <c>environment:</c>).
    /// </summary>
    private async Task<long?> JobDeploymentAsync(string environment, string commit)
    {
        if (actionsRunId is not { } run)
            return null;
        var api = new ApiConnection(connection.Client.Connection);
        var parameters = new Dictionary<string, string> { ["sha"] = commit, ["environment"] = environment };
        var deployments = await api.GetAll<Deployment>(ApiUrls.Deployments(connection.Owner, connection.Repository), parameters,
            new ApiOptions { PageSize = DeploymentsSearched, PageCount = 1, StartPage = 1 });
        var runPath = $"/actions/runs/{run.ToString(CultureInfo.InvariantCulture)}/";
        foreach (var deployment in deployments.OrderByDescending(d => d.CreatedAt))
        {
            var statuses = await connection.Client.Repository.Deployment.Status.GetAll(connection.Owner, connection.Repository, deployment.Id);
            if (statuses.Any(status => (status.LogUrl ?? status.TargetUrl)?.Contains(runPath, StringComparison.Ordinal) == true))
                return deployment.Id;
        }

        return null;
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
