using System.Globalization;

namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// Has a latency quantile (p95) of the candidate risen above the baseline's? Wald's test between "the same
/// quantile" and "higher by the minimum effect" (relative: 0.2 = +20%), on the two versions' histograms
/// since the start, decided at every look.
/// </summary>
/// <remarks>
/// The estimate is d = ln q̂c − ln q̂b, each quantile interpolated in its bucket the way PromQL's
/// <c>histogram_quantile</c> does, on the bucket edges both versions share. Its variance is the sample
/// quantile's, p(1 − p) / (n·(f(q)·q)²) per version (f(q)·q is the density of ln X at the quantile), with f
/// read from the pooled histogram's bucket that holds the pooled quantile: the density the interpolation
/// itself assumes. Against m = ln(1 + MinimumEffect).
/// </remarks>
public static class SequentialQuantile
{
    public static SequentialResult Evaluate(double quantile, CumulativeHistogram baseline, CumulativeHistogram candidate, SequentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!(quantile is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be in (0, 1).");
        var aligned = HistogramAlignment.Align(baseline, candidate);
        var nb = aligned.BaselineTotal;
        var nc = aligned.CandidateTotal;
        SequentialResult Result(StatisticalPhase phase, string reason, double logLr = double.NaN, double effect = double.NaN, double se = double.NaN) =>
            new(phase, reason, logLr, effect, se, options.MinimumEffect, options.FailBoundary, options.PassBoundary, nc, nb);

        if ((baseline.Defect ?? candidate.Defect) is { } defect)
            return Result(StatisticalPhase.Inconclusive, $"unusable histogram: {defect}");
        if (aligned.BucketCount < 2 || !double.IsPositiveInfinity(aligned.UpperBounds[^1]))
            return Result(StatisticalPhase.Inconclusive, Invariant($"the versions share {aligned.BucketCount} bucket edges: at least one finite edge and +Inf are needed"));
        if (nc < options.MinimumCountPerVersion || nb < options.MinimumCountPerVersion)
        {
            return Result(StatisticalPhase.Inconclusive,
                Invariant($"too few observations yet: candidate {nc:0}, baseline {nb:0}, {options.MinimumCountPerVersion:0} each before the test looks"), 0);
        }

        var qb = HistogramQuantile.Estimate(quantile, Cumulative(aligned.UpperBounds, aligned.Baseline));
        var qc = HistogramQuantile.Estimate(quantile, Cumulative(aligned.UpperBounds, aligned.Candidate));
        var pooled = aligned.Baseline.Zip(aligned.Candidate, (b, c) => b + c).ToArray();
        var density = LogDensityAtQuantile(quantile, aligned.UpperBounds, pooled);
        if (!(qb > 0 && qc > 0) || !(density > 0))
            return Result(StatisticalPhase.Inconclusive, Invariant($"no usable quantile: baseline {qb:G4}, candidate {qc:G4} (a quantile at 0 or in the +Inf bucket has no density to test with)"));

        var variance = quantile * (1 - quantile) / (density * density) * ((1 / nc) + (1 / nb));
        var d = Math.Log(qc) - Math.Log(qb);
        var m = Math.Log(1 + options.MinimumEffect);
        var logLr = WaldTest.LogLikelihoodRatio(d, variance, m);
        var phase = WaldTest.Decide(logLr, logLr, options);
        var values = Invariant($"p{quantile * 100:0.##} candidate {qc:G4} vs baseline {qb:G4} ({Math.Exp(d) - 1:+0.0%;-0.0%}; n {nc:0}/{nb:0})");
        var reason = phase switch
        {
            StatisticalPhase.Fail => Invariant($"{values}: an increase of {options.MinimumEffect:P0} is more likely than none (ln LR {logLr:F2} ≥ {options.FailBoundary:F2})"),
            StatisticalPhase.Pass => Invariant($"{values}: an increase of {options.MinimumEffect:P0} is ruled out (ln LR {logLr:F2} ≤ {options.PassBoundary:F2})"),
            _ => Invariant($"{values}: undecided between no increase and +{options.MinimumEffect:P0} (ln LR {logLr:F2} in ({options.PassBoundary:F2}, {options.FailBoundary:F2}))"),
        };
        return Result(phase, reason, logLr, Math.Exp(d) - 1, Math.Sqrt(variance));
    }

    /// <summary>
    /// f(q)·q for the pooled histogram: the density of ln X at the quantile, with f the share of observations in
    /// the bucket holding the quantile over the bucket's width. NaN when that bucket is open above or has no width.
    /// </summary>
    public static double LogDensityAtQuantile(double quantile, IReadOnlyList<double> upperBounds, IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        var q = HistogramQuantile.Estimate(quantile, Cumulative(upperBounds, counts));
        if (!(total > 0) || double.IsNaN(q))
            return double.NaN;
        var rank = quantile * total;
        var below = 0.0;
        var k = 0;
        while (k < counts.Count - 1 && below + counts[k] < rank)
            below += counts[k++];
        var lower = k == 0 ? Math.Min(0, upperBounds[0]) : upperBounds[k - 1];
        var width = upperBounds[k] - lower;
        if (!double.IsFinite(width) || !(width > 0) || !(counts[k] > 0))
            return double.NaN;
        return counts[k] / total / width * q;
    }

    private static CumulativeHistogram Cumulative(IReadOnlyList<double> upperBounds, IReadOnlyList<double> perBucket)
    {
        var running = 0.0;
        return CumulativeHistogram.FromBuckets(upperBounds.Select((bound, k) => (bound, running += perBucket[k])).ToList());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
