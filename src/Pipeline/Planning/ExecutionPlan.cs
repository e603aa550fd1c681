namespace Shipgate.Pipeline.Planning;

/// <summary>One step of a plan. A skipped step stays in the plan so the summary can say why.</summary>
public sealed record PlannedTarget(string Name, bool Invoked, string? SkipReason = null)
{
    public bool IsSkipped => SkipReason is not null;
}

/// <summary>The targets to run, in order.</summary>
public sealed record ExecutionPlan(IReadOnlyList<PlannedTarget> Steps)
{
    public IEnumerable<string> Names => Steps.Select(step => step.Name);
}
