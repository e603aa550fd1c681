using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Execution;

/// <summary>A discovered target: its name, what its definition recorded, and its planner view.</summary>
internal sealed record ExecutableTarget(string Name, TargetDefinition Definition, TargetNode Node)
{
    public string? Description => Definition.DescriptionText;
}
