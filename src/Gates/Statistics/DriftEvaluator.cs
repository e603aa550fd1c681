using System.Globalization;

namespace Shipgate.Gates.Statistics;

/// <summary>
/// Decides whether a histogram metric drifted between baseline and candidate (docs/architecture.md, "Gates, in brief"): it fails
/// only when the shift is both statistically significant and larger than the effect threshold, and it
/// never passes on missing, invalid or insufficient data.
/// </summary>
public static class DriftEvaluator
{
    /// <summary>
    /// Aligns the histograms on their shared edges; computes KS and Wasserstein there, merges sparse
    /// buckets and computes PSI, Jensen–Shannon and the chi-square test on the merged buckets (those
    /// measures are the ones sparse cells distort; merging would only coarsen the CDF-based ones).
    /// Significance: the KS p-value for <see cref="DriftMetricKind.KolmogorovSmirnov"/>, the chi-square
    /// homogeneity p-value for the other metrics.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static DriftResult Evaluate(CumulativeHistogram baseline, CumulativeHistogram candidate, DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var inconclusive = new DriftResult
        {
            Phase = StatisticalPhase.Inconclusive,
            Reason = string.Empty,
            Metric = options.Metric,
            EffectThreshold = options.EffectThreshold,
            Alpha = options.Alpha,
        };
        if (baseline.Defect is { } baselineDefect)
            return inconclusive with { Reason = "baseline histogram unusable: " + baselineDefect };
        if (candidate.Defect is { } candidateDefect)
            return inconclusive with { Reason = "candidate histogram unusable: " + candidateDefect };
        if (baseline.BucketCount == 0 || candidate.BucketCount == 0)
            return inconclusive with { Reason = Invariant($"no histogram data: baseline has {baseline.BucketCount} buckets, candidate {candidate.BucketCount}") };

        var shared = HistogramAlignment.Align(baseline, candidate);
        var counted = inconclusive with
        {
            BaselineCount = shared.BaselineTotal,
            CandidateCount = shared.CandidateTotal,
            SharedBuckets = shared.BucketCount,
        };
        counted = counted with { SharedUpperBounds = shared.UpperBounds };
        if (shared.BucketCount == 0)
            return counted with { Reason = $"the versions share no bucket edge (le), so their histograms cannot be compared: {Edges(baseline, candidate)}" };
        var edgesDiffer = !baseline.UpperBounds.SequenceEqual(candidate.UpperBounds);
        if (edgesDiffer && TooFewSharedEdges(baseline, candidate, shared) is { } coarse)
            return counted with { Reason = coarse };
        if (shared.BaselineTotal < options.MinimumCountPerVersion || shared.CandidateTotal < options.MinimumCountPerVersion)
        {
            return counted with
            {
                Reason = Invariant($"too few observations: baseline {shared.BaselineTotal:G6}, candidate {shared.CandidateTotal:G6}, minimum {options.MinimumCountPerVersion:G6} each"),
            };
        }

        var merged = SparseBucketMerger.Merge(shared, options.MinimumExpectedPerBucket);
        var chiSquare = ChiSquareHomogeneity.Test(merged);
        var ksD = KolmogorovSmirnov.Statistic(shared);
        var measured = counted with
        {
            MergedBuckets = merged.BucketCount,
            Psi = PopulationStabilityIndex.Compute(merged),
            PsiNoiseLevel = PopulationStabilityIndex.NoiseLevel(merged.BaselineTotal, merged.CandidateTotal, merged.BucketCount, options.Alpha),
            KolmogorovSmirnovD = ksD,
            KolmogorovSmirnovPValue = KolmogorovSmirnov.PValue(ksD, shared.BaselineTotal, shared.CandidateTotal),
            JensenShannonDistance = JensenShannon.Distance(merged),
            Wasserstein1 = Wasserstein.Distance(shared),
            ChiSquare = chiSquare.Statistic,
            ChiSquareDegreesOfFreedom = chiSquare.DegreesOfFreedom,
            ChiSquarePValue = chiSquare.PValue,
        };
        if (merged.BucketCount < 2)
        {
            return measured with
            {
                Reason = Invariant($"all {shared.BaselineTotal + shared.CandidateTotal:G6} observations fall into one bucket after merging sparse buckets, so a shift cannot be resolved"),
            };
        }

        var value = options.Metric switch
        {
            DriftMetricKind.Psi => measured.Psi,
            DriftMetricKind.KolmogorovSmirnov => measured.KolmogorovSmirnovD,
            DriftMetricKind.JensenShannon => measured.JensenShannonDistance,
            _ => measured.Wasserstein1,
        };
        var pValue = options.Metric == DriftMetricKind.KolmogorovSmirnov ? measured.KolmogorovSmirnovPValue : measured.ChiSquarePValue;
        var result = measured with { Value = value, PValue = pValue };
        if (double.IsNaN(value) || double.IsNaN(pValue))
            return result with { Reason = Invariant($"{options.Metric} could not be computed (value {value}, p-value {pValue})") };

        var significant = pValue < options.Alpha;
        var large = value > options.EffectThreshold;
        var summary = Invariant($"{options.Metric} = {value:G4} (threshold {options.EffectThreshold:G4}), p = {pValue:G4} (α = {options.Alpha:G4}), N = {shared.BaselineTotal:G6} baseline / {shared.CandidateTotal:G6} candidate, {merged.BucketCount} buckets");
        if (edgesDiffer)
            summary += $"; the bucket edges differ, compared on the {FiniteCount(shared.UpperBounds)} finite edges both share: {List(shared.UpperBounds)}";
        return (significant, large) switch
        {
            (true, true) => result with { Phase = StatisticalPhase.Fail, Reason = "significant shift larger than the threshold: " + summary },
            (true, false) => result with { Phase = StatisticalPhase.Pass, Reason = "significant shift but within the threshold: " + summary },
            (false, true) => result with { Phase = StatisticalPhase.Pass, Reason = "distance above the threshold but not significant (sampling noise): " + summary },
            _ => result with { Phase = StatisticalPhase.Pass, Reason = "no significant shift: " + summary },
        };
    }

    /// <summary>
    /// Versions with different bucket layouts compare on the edges they share; when those are fewer than half the
    /// finite edges of the coarser version (or fewer than 2), a real shift can hide inside one wide bucket.
    /// </summary>
    private static string? TooFewSharedEdges(CumulativeHistogram baseline, CumulativeHistogram candidate, AlignedHistograms shared)
    {
        var sharedFinite = FiniteCount(shared.UpperBounds);
        var coarser = Math.Min(FiniteCount(baseline.UpperBounds), FiniteCount(candidate.UpperBounds));
        var needed = Math.Max(2, (coarser + 1) / 2);
        return sharedFinite >= needed
            ? null
            : $"the versions share only {sharedFinite} finite bucket edges ({List(shared.UpperBounds)}), fewer than the {needed} needed to see a shift: {Edges(baseline, candidate)}";
    }

    private static string Edges(CumulativeHistogram baseline, CumulativeHistogram candidate) =>
        $"baseline edges {List(baseline.UpperBounds)}; candidate edges {List(candidate.UpperBounds)}";

    private static int FiniteCount(IReadOnlyList<double> bounds) => bounds.Count(double.IsFinite);

    private static string List(IReadOnlyList<double> bounds)
    {
        var shown = bounds.Take(12).Select(CumulativeHistogram.FormatBound).ToList();
        return "[" + string.Join(", ", shown) + (bounds.Count > shown.Count ? $", … ({bounds.Count} in all)" : "") + "]";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
