namespace Shipgate.Gates.Model;

/// <summary>
/// The outcome of an analysis: the verdict, why, what to do, and every gate with its evidence.
/// <see cref="Warnings"/> says what a person should know that the verdict does not show (a baseline
/// without data, a deadline that cut the analysis short).
/// </summary>
public sealed record AnalysisResult(
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    InconclusivePolicy Policy,
    ReleaseAction Action,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<GateResult> Gates)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
