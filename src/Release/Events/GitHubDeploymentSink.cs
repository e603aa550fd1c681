using Shipgate.Pipeline.Hosts.GitHub;

namespace Shipgate.Release.Events;

/// <summary>
/// Each release is a GitHub deployment whose status follows it: in_progress when deployed, success when promoted,
/// failure with the reason when rolled back or failed. (Failures to post are the event bus's warnings.)
/// </summary>
public sealed class GitHubDeploymentSink(GitHubDeployments github, Uri? logUrl) : IReleaseSink
{
    private GitHubDeployment? _deployment;

    public async Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken)
    {
        switch (releaseEvent)
        {
            case ReleaseEvent.Deployed deployed:
                _deployment = await github.StartAsync(deployed.Environment, deployed.Commit, deployed.Release.ReleaseId, logUrl).ConfigureAwait(false);
                break;
            case ReleaseEvent.Promoted promoted when _deployment is not null:
                await github.SucceedAsync(_deployment, $"Promoted {promoted.Release.Version}, approved by {promoted.ApprovedBy}").ConfigureAwait(false);
                break;
            case ReleaseEvent.RolledBack rolledBack when _deployment is not null:
                await github.FailAsync(_deployment, $"Rolled back to {rolledBack.Release.Version}: {rolledBack.Reason}").ConfigureAwait(false);
                break;
            case ReleaseEvent.Paused paused when _deployment is not null:
                await github.FailAsync(_deployment, $"Paused {paused.Version}: {paused.Reason}").ConfigureAwait(false);
                break;
        }
    }
}
