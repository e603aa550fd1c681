namespace Shipgate.Gates.Verification;

/// <summary>Gates that cannot be run as configured: each problem names its gate. Nothing was measured.</summary>
public sealed class GateConfigurationException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1 ? problems[0] : $"{problems.Count} gate problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
