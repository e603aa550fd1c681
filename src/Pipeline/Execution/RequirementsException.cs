namespace Shipgate.Pipeline.Execution;

/// <summary>Requirements not met before the first target ran; each line names the target and what it needs.</summary>
public sealed class RequirementsException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
