using Octokit;
using Serilog;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Hosts.GitHub;

namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// Reads who approved the current GitHub run's environments (deployment protection rules), so the
/// ledger names the reviewer rather than whoever pushed. Needs GITHUB_TOKEN with actions:read.
/// </summary>
internal static class GitHubReviewHistory
{
    public static IReadOnlyList<EnvironmentReview> Read(IBuildHost host, IReadOnlyDictionary<string, string> variables)
    {
        if (host.Name != GitHubActionsHost.HostName || GitHubConnection.FromEnvironment(variables) is not { } connection
            || !long.TryParse(variables.GetValueOrDefault("GITHUB_RUN_ID"), out var runId))
            return [];
        try
        {
            return Read(connection, runId).GetAwaiter().GetResult();
        }
        catch (ApiException exception)
        {
            Log.Warning("Could not read the run's environment reviews from GitHub: {Message}", exception.Message);
            return [];
        }
    }

    public static async Task<IReadOnlyList<EnvironmentReview>> Read(GitHubConnection connection, long runId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var history = await connection.Client.Actions.Workflows.Runs.GetReviewHistory(connection.Owner, connection.Repository, runId);
        return history
            .SelectMany(review => review.Environments.Select(environment => new EnvironmentReview(
                environment.Name, review.User.Login, review.State.Value == EnvironmentApprovalState.Approved)))
            .ToList();
    }
}
