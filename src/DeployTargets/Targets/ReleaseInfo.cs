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

/// <summary>One running unit of a release: a container, or a Swarm task.</summary>
public sealed record InstanceStatus(string Id, string State, string? Health, string? Message);

/// <summary>What a service runs now, what it would roll back to, and its ledger newest first.</summary>
public sealed record ReleaseStatus(ReleaseInfo? Current, ReleaseRecord? Previous, IReadOnlyList<ReleaseRecord> History)
{
    /// <summary>What the recovery at the start of the call did (empty when nothing was in flight).</summary>
    public IReadOnlyList<string> Recovered { get; init; } = [];
}
