namespace Shipgate.Gates.Model;

/// <summary>What the pipeline should do with the release after an analysis.</summary>
public enum ReleaseAction
{
    Promote,
    Rollback,
    Pause,
}
