using Shipgate.Pipeline.Execution;

namespace Shipgate.Release.Decisions;

/// <summary>The pre-flight found problems: nothing was deployed. The message lists every problem, one per line.</summary>
public sealed class PreflightException(IReadOnlyList<string> problems)
    : TargetFailedException("Nothing was deployed; the pre-flight found:" + string.Concat(problems.Select(p => $"{System.Environment.NewLine}  - {p}")))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
