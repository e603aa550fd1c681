namespace Shipgate.DeployTargets.Recovery;

/// <summary>A container the engine reports for a service: its id, the release label it carries (if any), whether it runs.</summary>
public sealed record ObservedInstance(string Id, string? ReleaseId, bool Running);
