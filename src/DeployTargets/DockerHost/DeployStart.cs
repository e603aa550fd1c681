using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// How every Docker deploy begins, under the service's lock, direct or behind a router: a version that was rolled back
/// is refused, the image is pulled, and the release is recorded Deploying (with the strategy) before anything changes.
/// </summary>
internal static class DeployStart
{
    /// <returns>the release recorded Deploying, and the release current before it</returns>
    public static async Task<(ReleaseRecord Release, ReleaseRecord? Current)> RecordAsync(
        ReleaseTransitions transitions, ContainerRuntime runtime, DockerTargetOptions options, string serviceLabel,
        DeployRequest request, ReleaseStrategy strategy, Action<string> reached, CancellationToken ct)
    {
        var current = (await transitions.ReadHistoryAsync(ct).ConfigureAwait(false)).RequireDeployable(request, serviceLabel);

        await runtime.PullAsync(request.Image, ct).ConfigureAwait(false);
        reached("pulled");
        var release = await transitions.WriteAsync(
            ReleaseRecord.Deploying(options.Service, options.Environment, request, current, DateTimeOffset.UtcNow, DeployPlatform.Docker) with { Strategy = strategy },
            ct).ConfigureAwait(false);
        reached("recorded");
        return (release, current);
    }
}
