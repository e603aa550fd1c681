using System.Globalization;

namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// Has the candidate's error rate risen above the baseline's? Wald's test between "the same rate" and "higher
/// by the minimum effect", on all requests since the start, decided at every look.
/// </summary>
/// <remarks>
/// The estimate is the rate difference d = r̂c − r̂b. The regression that matters is
/// m = max(MinimumEffect·r̂b, MinimumAbsoluteEffect): relative for a service with errors, absolute for one
/// without (where no ratio exists). The ratio is the binomial likelihood ratio of the candidate's errors between
/// p̂ and p̂ + m, p̂ the level both versions share (their pooled rate, kept between r̂b and r̂b + m;
/// <see cref="BinomialShape"/>: Wald's own test when the baseline is known), written on d so that the baseline's
/// own uncertainty adds to its variance: V = σ²/nc + pb(1 − pb)/nb with σ² the binomial ratio's per-request
/// variance and pb = p̂ + m/2 (above the baseline's true variance under both hypotheses).
/// With a long baseline window the second term is small and the test is the binomial SPRT; with the same
/// window as the candidate's it counts as much as the first. With no errors on either side the ratio falls with
/// every request, so a clean candidate passes once it has served enough requests to rule out the minimum effect.
/// </remarks>
public static class SequentialErrorRate
{
    public static SequentialResult Evaluate(double candidateErrors, double candidateTotal, double baselineErrors, double baselineTotal, SequentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        SequentialResult Result(StatisticalPhase phase, string reason, double logLr, double effect, double se, double m) =>
            new(phase, reason, logLr, effect, se, m, options.FailBoundary, options.PassBoundary, candidateTotal, baselineTotal);

        if ((Invalid("candidate", candidateErrors, candidateTotal) ?? Invalid("baseline", baselineErrors, baselineTotal)) is { } invalid)
            return Result(StatisticalPhase.Inconclusive, invalid, double.NaN, double.NaN, double.NaN, double.NaN);
        if (candidateTotal < options.MinimumCountPerVersion || baselineTotal < options.MinimumCountPerVersion)
        {
            return Result(StatisticalPhase.Inconclusive,
                Invariant($"too few requests yet: candidate {candidateTotal:0}, baseline {baselineTotal:0}, {options.MinimumCountPerVersion:0} each before the test looks"),
                0, double.NaN, double.NaN, double.NaN);
        }

        var candidateRate = candidateErrors / candidateTotal;
        var baselineRate = baselineErrors / baselineTotal;
        var m = Math.Max(options.MinimumEffect * baselineRate, options.MinimumAbsoluteEffect);
        var (logLr, variance) = LogLikelihoodRatio(candidateRate, candidateTotal, baselineRate, baselineTotal, m);
        var d = candidateRate - baselineRate;
        var phase = WaldTest.Decide(logLr, logLr, options);
        var rates = Invariant($"candidate {candidateRate:P2} ({candidateErrors:0.#}/{candidateTotal:0}) vs baseline {baselineRate:P2} ({baselineErrors:0.#}/{baselineTotal:0})");
        var reason = phase switch
        {
            StatisticalPhase.Fail => Invariant($"{rates}: an increase of {m:P2} is more likely than none (ln LR {logLr:F2} ≥ {options.FailBoundary:F2})"),
            StatisticalPhase.Pass => Invariant($"{rates}: an increase of {m:P2} is ruled out (ln LR {logLr:F2} ≤ {options.PassBoundary:F2})"),
            _ => Invariant($"{rates}: undecided between no increase and +{m:P2} (ln LR {logLr:F2} in ({options.PassBoundary:F2}, {options.FailBoundary:F2}))"),
        };
        return Result(phase, reason, logLr, d, Math.Sqrt(variance), m);
    }

    /// <summary>
    /// ln LR of "the candidate's rate is higher by m" over "the same rate", with its variance: the candidate's
    /// binomial ratio (<see cref="BinomialShape"/>) on the rate difference, the baseline's variance at the midpoint,
    /// both at the level both versions share: their pooled rate (under "the same rate" its best estimate; with a
    /// long baseline window, the baseline's), kept between the baseline's rate and the regressed one (beyond it the
    /// candidate's excess is the regression, not a level they share). At the baseline's own rate, a baseline read
    /// over the candidate's short window that happened to show few errors made a small regression look likely:
    /// 0.6% of healthy releases failed where the gate's α was 0.33%.
    /// </summary>
    public static (double LogLikelihoodRatio, double Variance) LogLikelihoodRatio(double candidateRate, double candidateTotal, double baselineRate, double baselineTotal, double m)
    {
        var pooled = ((candidateRate * candidateTotal) + (baselineRate * baselineTotal)) / (candidateTotal + baselineTotal);
        var level = Math.Clamp(pooled, baselineRate, baselineRate + m);
        var shape = BinomialShape.Of(level, m);
        var variance = (shape.PerRequestVariance / candidateTotal) + (Binomial(level + (m / 2)) / baselineTotal);
        return (WaldTest.LogLikelihoodRatio(candidateRate - baselineRate, variance, m, shape.Centre), variance);
    }

    /// <summary>p(1 − p), the variance of one request's outcome at rate p (capped at its maximum, p = ½).</summary>
    private static double Binomial(double p) => Math.Min(p, 0.5) * (1 - Math.Min(p, 0.5));

    private static string? Invalid(string version, double errors, double total)
    {
        if (!double.IsFinite(errors) || !double.IsFinite(total))
            return Invariant($"{version} counts are not finite (errors {errors}, total {total})");
        if (errors < 0 || total < 0)
            return Invariant($"{version} counts are negative (errors {errors}, total {total})");
        if (errors > total)
            return Invariant($"{version} has more errors ({errors}) than requests ({total})");
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
