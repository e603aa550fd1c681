using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Targets;

/// <summary>A release as Deploy, Promote, Rollback and Status report it: the ledger entry plus what runs now.</summary>
public sealed record ReleaseInfo(ReleaseRecord Record, IReadOnlyList<InstanceStatus> Instances)
{
    public string ReleaseId => Record.ReleaseId;
    public string Version => Record.Version;
    public string Image => Record.Image;
    public ReleasePhase Phase => Record.Phase;
}
