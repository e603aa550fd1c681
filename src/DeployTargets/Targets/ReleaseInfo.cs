using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Targets;

/// <summary>A release as Deploy, Promote, Rollback and Status report it: the ledger entry plus what runs now.</summary>
public sealed record ReleaseInfo(ReleaseRecord Record, IReadOnlyList<InstanceStatus> Instances)
{
    public string ReleaseId => Record.ReleaseId;
    public string Version => Record.Version;
    public string Image => Record.Image;
    public ReleasePhase Phase => Record.Phase;

    /// <summary>
    /// Evidence of instability: restarts of the release's containers by the engine (Docker), or the release's tasks that
    /// failed and were replaced (Swarm, within the engine's task history). Compare two readings, e.g. before and after
    /// a verification: a release that restarted meanwhile was not serving all along.
    /// </summary>
    public long Restarts { get; init; }
}
