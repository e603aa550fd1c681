using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Recovery;

/// <summary>One action of a recovery plan. Plain data: the adapter carries it out, tests read it.</summary>
public abstract record RecoveryStep(string Why);

public sealed record RemoveInstance(string Id, string Why) : RecoveryStep(Why);

public sealed record StopInstance(string Id, string Why) : RecoveryStep(Why);

/// <summary>Start the release's stopped container, or recreate it from the ledger's digest when it is gone.</summary>
public sealed record RestoreRelease(ReleaseRecord Release, string? ExistingInstanceId, string Why) : RecoveryStep(Why);

/// <summary>Write the release's new phase to the ledger.</summary>
public sealed record MarkRelease(ReleaseRecord Release, ReleasePhase Phase, string Reason, string Why) : RecoveryStep(Why);
