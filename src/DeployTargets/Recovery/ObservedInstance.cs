namespace Shipgate.DeployTargets.Recovery;

/// <summary>A container the engine reports for a service: its id, the release label it carries (if any), whether it runs.</summary>
public sealed record ObservedInstance(string Id, string? ReleaseId, bool Running)
{
    /// <summary>Behind a router: the instance's own port (its label); null for an instance on the service's port.</summary>
    public int? Port { get; init; }
}
