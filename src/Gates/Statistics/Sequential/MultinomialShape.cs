namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// The multinomial likelihood ratio of "the candidate's observations fall into the cells with shares q" over
/// "with the baseline's shares p", written as a normal ratio (m/V)·(d − <see cref="Centre"/>) on
/// d = Σ wⱼ(ĉⱼ − pⱼ), wⱼ = ln(qⱼ/pⱼ), so the baseline's own uncertainty can widen V as in
/// <see cref="BinomialShape"/> (two cells are that shape).
/// </summary>
/// <remarks>
/// With p known the exact ratio on n observations is n·Σ ĉⱼwⱼ = n·(d − KL(p‖q)): the centre is KL(p‖q), the
/// effect m = E_q[w] − E_p[w] = KL(q‖p) + KL(p‖q), and the per-observation variance that gives the exact
/// slope is m. The baseline adds Var(w)/nb, taken at the midpoint (p + q)/2 (above its variance under either
/// hypothesis, like the error rate's midpoint). Every share must be above 0: merge sparse cells first.
/// </remarks>
public sealed record MultinomialShape(IReadOnlyList<double> Weights, double MinimumEffect, double Centre, double BaselineVariance)
{
    public static MultinomialShape Of(IReadOnlyList<double> baselineShares, IReadOnlyList<double> regressedShares)
    {
        ArgumentNullException.ThrowIfNull(baselineShares);
        ArgumentNullException.ThrowIfNull(regressedShares);
        if (baselineShares.Count != regressedShares.Count || baselineShares.Any(s => !(s > 0)) || regressedShares.Any(s => !(s > 0)))
            throw new ArgumentException("the cells need the same count on both sides and every share above 0");
        var weights = baselineShares.Select((p, j) => Math.Log(regressedShares[j] / p)).ToArray();
        var effect = weights.Select((w, j) => w * (regressedShares[j] - baselineShares[j])).Sum();
        var centre = -weights.Select((w, j) => w * baselineShares[j]).Sum();
        var midpoint = baselineShares.Select((p, j) => (p + regressedShares[j]) / 2).ToArray();
        var mean = weights.Select((w, j) => w * midpoint[j]).Sum();
        var variance = weights.Select((w, j) => midpoint[j] * (w - mean) * (w - mean)).Sum();
        return new MultinomialShape(weights, effect, centre, variance);
    }

    /// <summary>d: the weighted difference between the candidate's and the baseline's shares.</summary>
    public double Estimate(IReadOnlyList<double> candidateShares, IReadOnlyList<double> baselineShares)
    {
        ArgumentNullException.ThrowIfNull(candidateShares);
        ArgumentNullException.ThrowIfNull(baselineShares);
        return Weights.Select((w, j) => w * (candidateShares[j] - baselineShares[j])).Sum();
    }

    /// <summary>ln LR and its variance for <paramref name="candidateCount"/> and <paramref name="baselineCount"/> observations.</summary>
    public (double LogLikelihoodRatio, double Variance) LogLikelihoodRatio(double estimate, double candidateCount, double baselineCount)
    {
        var variance = (MinimumEffect / candidateCount) + (BaselineVariance / baselineCount);
        return (WaldTest.LogLikelihoodRatio(estimate, variance, MinimumEffect, Centre), variance);
    }
}
