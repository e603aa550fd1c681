namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// Wald's sequential probability ratio test between "unchanged" (effect 0) and "regressed by the minimum
/// effect m", on an estimate d of the effect that is approximately normal with variance V. Re-evaluated
/// on all the data so far at every look: exp(log LR) is a martingale under "unchanged", so by Ville's
/// inequality it ever reaches 1/α with probability at most α however often it is looked at; symmetrically
/// the ratio against "regressed by m" ever reaches 1/β with probability at most β.
/// </summary>
public static class WaldTest
{
    /// <summary>ln LR of N(m, V) over N(0, V) at d: (m·d − m²/2) / V.</summary>
    public static double LogLikelihoodRatio(double estimate, double variance, double minimumEffect) =>
        LogLikelihoodRatio(estimate, variance, minimumEffect, minimumEffect / 2);

    /// <summary>
    /// A ratio linear in the estimate that is 0 at <paramref name="centre"/>: (m/V)·(d − centre). Two normals with
    /// one variance put the centre at m/2; a binomial ratio puts it lower (<see cref="BinomialShape"/>).
    /// </summary>
    public static double LogLikelihoodRatio(double estimate, double variance, double minimumEffect, double centre) =>
        minimumEffect * (estimate - centre) / variance;

    /// <summary>
    /// Two-sided: the mixture ½·LR(+m) + ½·LR(−m), itself a martingale under "unchanged", for a change in either
    /// direction. Computed in log space without overflow.
    /// </summary>
    public static double TwoSidedLogLikelihoodRatio(double estimate, double variance, double minimumEffect)
    {
        var up = LogLikelihoodRatio(estimate, variance, minimumEffect);
        var down = LogLikelihoodRatio(-estimate, variance, minimumEffect);
        var high = Math.Max(up, down);
        return high + Math.Log((Math.Exp(up - high) + Math.Exp(down - high)) / 2);
    }

    /// <summary>
    /// Fail when <paramref name="failEvidence"/> ≥ ln(1/α); pass when <paramref name="passEvidence"/> (the largest
    /// ln LR of any alternative that matters) ≤ ln β; otherwise undecided.
    /// </summary>
    public static StatisticalPhase Decide(double failEvidence, double passEvidence, SequentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (failEvidence >= options.FailBoundary)
            return StatisticalPhase.Fail;
        return passEvidence <= options.PassBoundary ? StatisticalPhase.Pass : StatisticalPhase.Inconclusive;
    }
}
