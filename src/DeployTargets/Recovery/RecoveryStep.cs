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

/// <summary>Behind a router: put the release's instance in the backend (if it is not) and give it all the traffic.</summary>
public sealed record RouteTraffic(ReleaseRecord Release, string Why) : RecoveryStep(Why);

/// <summary>Behind a router: drain the release's server (requests in flight finish) and remove it from the backend.</summary>
public sealed record RemoveServer(string ReleaseId, string Why) : RecoveryStep(Why);
