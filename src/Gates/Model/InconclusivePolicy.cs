namespace Shipgate.Gates.Model;

/// <summary>What an Inconclusive verdict means for the release.</summary>
public enum InconclusivePolicy
{
    /// <summary>Treat it like a failure: roll back (the default, and the right one for production).</summary>
    Rollback,

    /// <summary>Keep the release and wait for a release manager to decide.</summary>
    Pause,
}
