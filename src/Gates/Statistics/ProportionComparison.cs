using System.Globalization;
using MathNet.Numerics;

namespace Shipgate.Gates.Statistics;

/// <summary>
/// Is the candidate's error rate higher than the baseline's? A one-sided Fisher exact test plus an
/// allowed increase: fail only when the increase is significant AND larger than allowed.
/// </summary>
/// <remarks>
/// Fisher's exact test rather than the two-proportion z-test: error counts in a short window are
/// small (tens), exactly where the z-test's normal approximation is poor and anti-conservative, and
/// the exact hypergeometric tail costs at most a few thousand terms at the counts a gate sees.
/// </remarks>
public static class ProportionComparison
{
    /// <summary>
    /// Decides. Counts are typically <c>increase()</c> results and are rounded to whole requests.
    /// NaN, negative counts, errors above the total or too few requests give Inconclusive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ProportionComparisonResult Evaluate(
        double candidateErrors, double candidateTotal, double baselineErrors, double baselineTotal, ProportionComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var alpha = 1 - options.Confidence;

        var invalid = Invalid("candidate", candidateErrors, candidateTotal) ?? Invalid("baseline", baselineErrors, baselineTotal);
        if (invalid is not null)
            return new ProportionComparisonResult(StatisticalPhase.Inconclusive, invalid, 0, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, alpha);

        var xc = (long)Math.Round(candidateErrors);
        var nc = (long)Math.Round(candidateTotal);
        var xb = (long)Math.Round(baselineErrors);
        var nb = (long)Math.Round(baselineTotal);
        ProportionComparisonResult Result(StatisticalPhase phase, string reason, double rateC, double rateB, double ratio, double p) =>
            new(phase, reason, xc, nc, xb, nb, rateC, rateB, ratio, p, alpha);

        if (nc < options.MinimumRequestsPerVersion || nb < options.MinimumRequestsPerVersion)
        {
            return Result(StatisticalPhase.Inconclusive,
                Invariant($"too few requests: candidate {nc}, baseline {nb}, minimum {options.MinimumRequestsPerVersion} each"),
                double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var candidateRate = (double)xc / nc;
        var baselineRate = (double)xb / nb;
        var ratio = MannWhitneyEvaluator.Ratio(candidateRate, baselineRate);
        var p = CandidateHigherPValue(xc, nc, xb, nb);
        var allowedRate = Math.Max(baselineRate * (1 + options.AllowedRelativeIncrease), baselineRate + options.AllowedAbsoluteIncrease);
        var rates = Invariant($"candidate {candidateRate:P3} ({xc}/{nc}) vs baseline {baselineRate:P3} ({xb}/{nb})");
        if (!(p < alpha))
            return Result(StatisticalPhase.Pass, Invariant($"{rates}: no significant increase (p = {p:G4} ≥ α = {alpha:G4})"), candidateRate, baselineRate, ratio, p);
        if (candidateRate > allowedRate)
            return Result(StatisticalPhase.Fail, Invariant($"{rates}: significant increase (p = {p:G4} < α = {alpha:G4}) above the allowed {allowedRate:P3}"), candidateRate, baselineRate, ratio, p);
        return Result(StatisticalPhase.Pass, Invariant($"{rates}: significant increase (p = {p:G4}) but within the allowed {allowedRate:P3}"), candidateRate, baselineRate, ratio, p);
    }

    /// <summary>
    /// One-sided Fisher exact p-value for "the candidate's rate is higher": with both versions' totals and
    /// the combined error count fixed, the probability of the candidate having at least its observed
    /// errors (hypergeometric upper tail), as scipy's <c>fisher_exact([[xc, nc-xc], [xb, nb-xb]], alternative="greater")</c>.
    /// </summary>
    public static double CandidateHigherPValue(long candidateErrors, long candidateTotal, long baselineErrors, long baselineTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidateErrors);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineErrors);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidateTotal, candidateErrors);
        ArgumentOutOfRangeException.ThrowIfLessThan(baselineTotal, baselineErrors);
        var population = candidateTotal + baselineTotal;
        var errors = candidateErrors + baselineErrors;
        var highest = Math.Min(errors, candidateTotal);
        var logDenominator = LogBinomial(population, candidateTotal);

        // Sum in log space relative to the first term so that huge binomials neither overflow nor underflow.
        var logFirst = LogTerm(candidateErrors);
        var sum = 0.0;
        for (var k = candidateErrors; k <= highest; k++)
        {
            var term = Math.Exp(LogTerm(k) - logFirst);
            sum += term;
            if (term < 1e-17 * sum && k > (double)errors * candidateTotal / population)
                break;
        }

        return Math.Min(1, Math.Exp(logFirst - logDenominator) * sum);

        double LogTerm(long k) => LogBinomial(errors, k) + LogBinomial(population - errors, candidateTotal - k);
    }

    private static double LogBinomial(long n, long k) =>
        SpecialFunctions.GammaLn(n + 1.0) - SpecialFunctions.GammaLn(k + 1.0) - SpecialFunctions.GammaLn(n - k + 1.0);

    private static string? Invalid(string version, double errors, double total)
    {
        if (!double.IsFinite(errors) || !double.IsFinite(total))
            return Invariant($"{version} counts are not finite (errors {errors}, total {total})");
        if (errors < 0 || total < 0)
            return Invariant($"{version} counts are negative (errors {errors}, total {total})");
        if (Math.Round(errors) > Math.Round(total))
            return Invariant($"{version} has more errors ({errors}) than requests ({total})");
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
