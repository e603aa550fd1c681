using System.Globalization;

namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// Has a latency quantile (p95) of the candidate risen above the baseline's by the minimum effect (relative:
/// 0.2 = +20%)? Decided at every look by Wald's test on the share of requests slower than a bucket edge, on
/// the two versions' histograms since the start.
/// </summary>
/// <remarks>
/// A quantile interpolated inside coarse buckets jumps when its rank crosses a bucket edge, so its sampling
/// variance has no usable closed form at the counts a gate sees. The share of observations above an edge is a
/// plain proportion instead. The edge e is the upper bound of the baseline's bucket that holds its quantile
/// (so about 1 − q of the baseline lies above it). "Unchanged" is the candidate's share above e equal to the
/// baseline's; "slower by the minimum effect" (every latency × (1 + MinimumEffect)) puts the candidate's share
/// above e at the baseline's share above e / (1 + MinimumEffect), read from the baseline's histogram by linear
/// interpolation, as <c>histogram_quantile</c> would. The shares are then tested like error rates
/// (<see cref="SequentialErrorRate.LogLikelihoodRatio"/>).
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
        SequentialResult Result(StatisticalPhase phase, string reason, double logLr = double.NaN, double effect = double.NaN, double se = double.NaN, double m = double.NaN) =>
            new(phase, reason, logLr, effect, se, m, options.FailBoundary, options.PassBoundary, nc, nb);

        if ((baseline.Defect ?? candidate.Defect) is { } defect)
            return Result(StatisticalPhase.Inconclusive, $"unusable histogram: {defect}");
        if (aligned.BucketCount < 2 || !double.IsPositiveInfinity(aligned.UpperBounds[^1]))
            return Result(StatisticalPhase.Inconclusive, Invariant($"the versions share {aligned.BucketCount} bucket edges: at least one finite edge and +Inf are needed"));
        if (nc < options.MinimumCountPerVersion || nb < options.MinimumCountPerVersion)
        {
            return Result(StatisticalPhase.Inconclusive,
                Invariant($"too few observations yet: candidate {nc:0}, baseline {nb:0}, {options.MinimumCountPerVersion:0} each before the test looks"), 0);
        }

        var bounds = aligned.UpperBounds;
        var baselineCumulative = Cumulative(aligned.Baseline);
        var candidateCumulative = Cumulative(aligned.Candidate);
        var qb = HistogramQuantile.Estimate(quantile, CumulativeHistogram.FromBuckets(bounds.Select((b, k) => (b, baselineCumulative[k])).ToList()));
        var qc = HistogramQuantile.Estimate(quantile, CumulativeHistogram.FromBuckets(bounds.Select((b, k) => (b, candidateCumulative[k])).ToList()));
        var edge = EdgeAbove(quantile, bounds, baselineCumulative);
        if (edge is not { } k || !(qb > 0))
            return Result(StatisticalPhase.Inconclusive, Invariant($"the baseline's p{quantile * 100:0.##} ({qb:G4}) lies in the +Inf bucket or at 0: no bucket edge above it to count slow requests at"));

        var e = bounds[k];
        var baselineShare = 1 - (baselineCumulative[k] / nb);
        var candidateShare = 1 - (candidateCumulative[k] / nc);
        var regressedShare = 1 - (CumulativeAt(e / (1 + options.MinimumEffect), bounds, baselineCumulative) / nb);
        var m = regressedShare - baselineShare;
        if (!(m > 0))
            return Result(StatisticalPhase.Inconclusive, Invariant($"the baseline has no observations between {e / (1 + options.MinimumEffect):G4} and {e:G4} s: the minimum effect moves nothing across the edge"));

        var (logLr, variance) = SequentialErrorRate.LogLikelihoodRatio(candidateShare, nc, baselineShare, nb, m);
        var phase = WaldTest.Decide(logLr, logLr, options);
        var values = Invariant($"p{quantile * 100:0.##} candidate {qc:G4} vs baseline {qb:G4} ({(qc / qb) - 1:+0.0%;-0.0%}); slower than {e:G4}: candidate {candidateShare:P2} vs baseline {baselineShare:P2} (n {nc:0}/{nb:0})");
        var reason = phase switch
        {
            StatisticalPhase.Fail => Invariant($"{values}: +{options.MinimumEffect:P0} (a share of {regressedShare:P2}) is more likely than no change (ln LR {logLr:F2} ≥ {options.FailBoundary:F2})"),
            StatisticalPhase.Pass => Invariant($"{values}: +{options.MinimumEffect:P0} (a share of {regressedShare:P2}) is ruled out (ln LR {logLr:F2} ≤ {options.PassBoundary:F2})"),
            _ => Invariant($"{values}: undecided between no change and +{options.MinimumEffect:P0} (ln LR {logLr:F2} in ({options.PassBoundary:F2}, {options.FailBoundary:F2}))"),
        };
        return Result(phase, reason, logLr, candidateShare - baselineShare, Math.Sqrt(variance), m);
    }

    /// <summary>The index of the finite upper bound of the bucket holding the quantile's rank, or null when that bucket is +Inf or the histogram is empty.</summary>
    public static int? EdgeAbove(double quantile, IReadOnlyList<double> upperBounds, IReadOnlyList<double> cumulative)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(cumulative);
        if (cumulative.Count == 0 || !(cumulative[^1] > 0))
            return null;
        var rank = quantile * cumulative[^1];
        var k = 0;
        while (k < cumulative.Count - 1 && cumulative[k] < rank)
            k++;
        return double.IsFinite(upperBounds[k]) ? k : null;
    }

    /// <summary>The cumulative count at <paramref name="value"/>, linear inside its bucket (the lowest bucket starts at 0), as <c>histogram_quantile</c> assumes.</summary>
    public static double CumulativeAt(double value, IReadOnlyList<double> upperBounds, IReadOnlyList<double> cumulative)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(cumulative);
        var k = 0;
        while (k < upperBounds.Count - 1 && upperBounds[k] < value)
            k++;
        var lower = k == 0 ? Math.Min(0, upperBounds[0]) : upperBounds[k - 1];
        var below = k == 0 ? 0 : cumulative[k - 1];
        var width = upperBounds[k] - lower;
        if (!double.IsFinite(width) || !(width > 0))
            return below;
        return below + ((cumulative[k] - below) * Math.Clamp((value - lower) / width, 0, 1));
    }

    private static double[] Cumulative(IReadOnlyList<double> perBucket)
    {
        var running = 0.0;
        return [.. perBucket.Select(c => running += c)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
