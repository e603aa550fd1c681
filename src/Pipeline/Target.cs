namespace Shipgate.Pipeline;

/// <summary>
/// A target is a property of this delegate type; its name is the property's name.
/// <code>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</code>
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
