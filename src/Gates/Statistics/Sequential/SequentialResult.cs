namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// One look of a sequential test. <see cref="Phase"/> is Fail when the evidence for a regression of the
/// minimum effect crossed <see cref="FailBoundary"/>, Pass when the evidence against it crossed
/// <see cref="PassBoundary"/>, and Inconclusive while neither (keep looking) or on unusable data.
/// </summary>
/// <param name="Phase">Fail, Pass, or Inconclusive (keep looking, or unusable data).</param>
/// <param name="Reason">The numbers behind the phase, in words.</param>
/// <param name="LogLikelihoodRatio">ln of the likelihood ratio "regressed by the minimum effect" over "unchanged" (0 when there is too little data).</param>
/// <param name="Effect">The estimated change in the test's unit (relative increase, or standard deviations).</param>
/// <param name="StandardError">The standard error of the estimate the ratio uses.</param>
/// <param name="MinimumEffect">The regression that matters, in the same unit.</param>
/// <param name="FailBoundary">ln(1/α): the ratio at which the test fails.</param>
/// <param name="PassBoundary">ln(β): the ratio at or below which the test passes.</param>
/// <param name="CandidateCount">Requests or observations of the new version so far.</param>
/// <param name="BaselineCount">Requests or observations of the baseline.</param>
public sealed record SequentialResult(
    StatisticalPhase Phase,
    string Reason,
    double LogLikelihoodRatio,
    double Effect,
    double StandardError,
    double MinimumEffect,
    double FailBoundary,
    double PassBoundary,
    double CandidateCount,
    double BaselineCount)
{
    /// <summary>True when the test looked at usable data and may simply need more: the data was not missing or broken.</summary>
    public bool HasEvidence => !double.IsNaN(LogLikelihoodRatio);
}
