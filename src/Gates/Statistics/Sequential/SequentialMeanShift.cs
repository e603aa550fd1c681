using System.Globalization;

namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// Has the distribution of a histogram metric (predictions, an input feature) moved? Wald's test between
/// "the same mean" and "moved by the minimum effect in either direction" (in pooled standard deviations:
/// 0.25 = a quarter σ), on the two versions' histograms since the start, decided at every look.
/// </summary>
/// <remarks>
/// Each bucket stands for its midpoint (an open-ended bucket for its finite edge), the same for both
/// versions, so binning biases both means alike. The estimate is the standardised difference
/// d = (μ̂c − μ̂b)/s with s the pooled within-version deviation and V = 1/nc + 1/nb. It fails on the mixture
/// ½LR(+m) + ½LR(−m) and passes only once both directions are ruled out.
/// </remarks>
public static class SequentialMeanShift
{
    public static SequentialResult Evaluate(CumulativeHistogram baseline, CumulativeHistogram candidate, SequentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var aligned = HistogramAlignment.Align(baseline, candidate);
        var nb = aligned.BaselineTotal;
        var nc = aligned.CandidateTotal;
        SequentialResult Result(StatisticalPhase phase, string reason, double logLr = double.NaN, double effect = double.NaN, double se = double.NaN) =>
            new(phase, reason, logLr, effect, se, options.MinimumEffect, options.FailBoundary, options.PassBoundary, nc, nb);

        if ((baseline.Defect ?? candidate.Defect) is { } defect)
            return Result(StatisticalPhase.Inconclusive, $"unusable histogram: {defect}");
        if (!aligned.UpperBounds.Any(double.IsFinite))
            return Result(StatisticalPhase.Inconclusive, Invariant($"the versions share no finite bucket edge ({aligned.BucketCount} shared edges)"));
        if (nc < options.MinimumCountPerVersion || nb < options.MinimumCountPerVersion)
        {
            return Result(StatisticalPhase.Inconclusive,
                Invariant($"too few observations yet: candidate {nc:0}, baseline {nb:0}, {options.MinimumCountPerVersion:0} each before the test looks"), 0);
        }

        var values = BucketValues(aligned.UpperBounds);
        var (meanB, squaresB) = Moments(values, aligned.Baseline);
        var (meanC, squaresC) = Moments(values, aligned.Candidate);
        var deviation = Math.Sqrt((squaresB + squaresC) / (nb + nc - 2));
        if (!(deviation > 0))
            return Result(StatisticalPhase.Inconclusive, "every observation of both versions is in one bucket: no spread to measure a shift against");

        var d = (meanC - meanB) / deviation;
        var variance = (1 / nc) + (1 / nb);
        var m = options.MinimumEffect;
        var failEvidence = WaldTest.TwoSidedLogLikelihoodRatio(d, variance, m);
        var passEvidence = Math.Max(WaldTest.LogLikelihoodRatio(d, variance, m), WaldTest.LogLikelihoodRatio(-d, variance, m));
        var phase = WaldTest.Decide(failEvidence, passEvidence, options);
        var shift = Invariant($"mean candidate {meanC:G4} vs baseline {meanB:G4}: {d:+0.000;-0.000}σ (σ {deviation:G4}, n {nc:0}/{nb:0})");
        var reason = phase switch
        {
            StatisticalPhase.Fail => Invariant($"{shift}: a shift of {m:G3}σ is more likely than none (ln LR {failEvidence:F2} ≥ {options.FailBoundary:F2})"),
            StatisticalPhase.Pass => Invariant($"{shift}: a shift of {m:G3}σ either way is ruled out (ln LR {passEvidence:F2} ≤ {options.PassBoundary:F2})"),
            _ => Invariant($"{shift}: undecided between no shift and {m:G3}σ (ln LR {failEvidence:F2} for a shift, {passEvidence:F2} against)"),
        };
        return Result(phase, reason, failEvidence, d, Math.Sqrt(variance));
    }

    /// <summary>The value each bucket stands for: its midpoint; an open-ended bucket its finite edge.</summary>
    public static double[] BucketValues(IReadOnlyList<double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        var values = new double[upperBounds.Count];
        for (var k = 0; k < values.Length; k++)
        {
            var upper = upperBounds[k];
            var lower = k == 0 ? double.NegativeInfinity : upperBounds[k - 1];
            values[k] = double.IsFinite(upper) && double.IsFinite(lower) ? (lower + upper) / 2
                : double.IsFinite(upper) ? upper
                : lower;
        }

        return values;
    }

    private static (double Mean, double SquaredDeviations) Moments(double[] values, IReadOnlyList<double> counts)
    {
        var n = counts.Sum();
        var mean = values.Select((v, k) => v * counts[k]).Sum() / n;
        var squares = values.Select((v, k) => counts[k] * (v - mean) * (v - mean)).Sum();
        return (mean, squares);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
