namespace Shipgate.Pipeline;

/// <summary>What a statically skipped target does to its dependencies.</summary>
public enum DependencyBehavior
{
    /// <summary>The dependencies still run (the default, as in Nuke).</summary>
    Execute,

    /// <summary>The dependencies are skipped too, unless another running target needs them.</summary>
    Skip,
}
