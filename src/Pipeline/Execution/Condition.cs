namespace Shipgate.Pipeline.Execution;

/// <summary>A condition with its source text, so a skip reason can quote it.</summary>
internal sealed record Condition(string Expression, Func<bool> Evaluate);
