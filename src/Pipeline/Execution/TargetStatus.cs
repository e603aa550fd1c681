namespace Shipgate.Pipeline.Execution;

public enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Not run because an earlier target failed, a dependency failed, or the build was interrupted.</summary>
    NotRun,

    /// <summary>Interrupted by Ctrl-C or SIGTERM while running.</summary>
    Aborted,
}

/// <summary>What happened to one planned target: the summary table's row.</summary>
public sealed record TargetOutcome(string Name, TargetStatus Status, TimeSpan Duration, string? Reason = null);
