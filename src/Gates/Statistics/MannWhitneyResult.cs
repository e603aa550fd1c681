namespace Shipgate.Gates.Statistics;

/// <summary>Everything <see cref="MannWhitneyEvaluator"/> measured, with its decision and the reason for it.</summary>
public sealed record MannWhitneyResult(
    StatisticalPhase Phase,
    string Reason,
    int CandidateCount,
    int BaselineCount,
    double U,
    double Z,
    double PValue,
    double Alpha,
    double EffectSize,
    double CandidateCenter,
    double BaselineCenter);
