namespace Shipgate.Gates.Model;

/// <summary>The outcome of an analysis: the verdict, why, what to do, and every gate with its evidence.</summary>
public sealed record AnalysisResult(
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    InconclusivePolicy Policy,
    ReleaseAction Action,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<GateResult> Gates);
