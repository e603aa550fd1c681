namespace Shipgate.Gates.Statistics;

/// <summary>Everything <see cref="ProportionComparison"/> measured, with its decision and the reason for it.</summary>
public sealed record ProportionComparisonResult(
    StatisticalPhase Phase,
    string Reason,
    long CandidateErrors,
    long CandidateTotal,
    long BaselineErrors,
    long BaselineTotal,
    double CandidateRate,
    double BaselineRate,
    double RateRatio,
    double PValue,
    double Alpha);
