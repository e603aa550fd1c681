namespace Shipgate.Pipeline.Planning;

/// <summary>
/// A target as the planner sees it: plain names, relations normalised to one direction
/// (<c>DependentFor</c>, <c>Before</c> and <c>TriggeredBy</c> already turned around).
/// </summary>
/// <param name="Name">The property name.</param>
/// <param name="DependsOn">Targets pulled in and run before this one.</param>
/// <param name="After">Targets that run before this one when both are planned; never pulled in.</param>
/// <param name="Triggers">Targets pulled in and run after this one.</param>
/// <param name="SkippedBehavior">What a static skip of this target does to its dependencies.</param>
public sealed record TargetNode(
    string Name,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> After,
    IReadOnlyList<string> Triggers,
    DependencyBehavior SkippedBehavior = DependencyBehavior.Execute);
