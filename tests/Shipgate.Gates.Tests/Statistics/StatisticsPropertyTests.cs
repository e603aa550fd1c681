using FsCheck.Xunit;
using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

/// <summary>Invariants over random inputs (FsCheck supplies seeds; the data are drawn from them).</summary>
public class StatisticsPropertyTests
{
    private static readonly double[] Edges = [0.1, 0.25, 0.5, 1, 2.5, 5, double.PositiveInfinity];

    private static double[] Sample(Random random, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => scale * Math.Exp(random.NextDouble() * 3 - 2))];

    private static CumulativeHistogram Bin(double[] values) =>
        CumulativeHistogram.FromBuckets(Edges.Select(e => (e, (double)values.Count(v => v <= e))));

    /// <summary>D of the raw samples, straight from the definition: the largest gap between the two ECDFs at any observed value.</summary>
    private static double RawKolmogorovSmirnovD(double[] a, double[] b) =>
        a.Concat(b).Max(x => Math.Abs((a.Count(v => v <= x) / (double)a.Length) - (b.Count(v => v <= x) / (double)b.Length)));

    [Property(MaxTest = 200)]
    public bool Ks_from_histograms_never_exceeds_the_raw_sample_d(int seed, byte n, byte m)
    {
        var random = new Random(seed);
        var a = Sample(random, 1 + n, 1);
        var b = Sample(random, 1 + m, 1.3);
        var aligned = HistogramAlignment.Align(Bin(a), Bin(b));
        return KolmogorovSmirnov.Statistic(aligned) <= RawKolmogorovSmirnovD(a, b) + 1e-12;
    }

    [Property(MaxTest = 200)]
    public bool Distances_are_symmetric_bounded_and_zero_on_equal_shares(int seed, byte n, byte m)
    {
        var random = new Random(seed);
        var aligned = HistogramAlignment.Align(Bin(Sample(random, 1 + n, 1)), Bin(Sample(random, 1 + m, 0.8)));
        var swapped = new AlignedHistograms(aligned.UpperBounds, aligned.Candidate, aligned.Baseline);
        var doubled = new AlignedHistograms(aligned.UpperBounds, aligned.Baseline, [.. aligned.Baseline.Select(c => 2 * c)]);
        var js = JensenShannon.Distance(aligned);
        return Math.Abs(PopulationStabilityIndex.Compute(aligned) - PopulationStabilityIndex.Compute(swapped)) < 1e-12
            && Math.Abs(js - JensenShannon.Distance(swapped)) < 1e-12
            && Math.Abs(Wasserstein.Distance(aligned) - Wasserstein.Distance(swapped)) < 1e-12
            && PopulationStabilityIndex.Compute(aligned) >= 0 && js is >= 0 and <= 1
            && JensenShannon.Distance(doubled) < 1e-7 && KolmogorovSmirnov.Statistic(doubled) < 1e-12 && Wasserstein.Distance(doubled) < 1e-12;
    }

    [Property(MaxTest = 200)]
    public bool Mann_whitney_u_of_both_sides_sums_to_n_times_m(int seed, byte n, byte m)
    {
        var random = new Random(seed);
        // Rounded values make ties common.
        var a = Sample(random, 1 + n, 10).Select(v => Math.Round(v)).ToArray();
        var b = Sample(random, 1 + m, 10).Select(v => Math.Round(v)).ToArray();
        var ab = MannWhitneyU.Test(a, b);
        var ba = MannWhitneyU.Test(b, a);
        return Math.Abs(ab.U + ba.U - (a.Length * (double)b.Length)) < 1e-9
            && Math.Abs(ab.PValue - ba.PValue) < 1e-12
            && ab.PValue is >= 0 and <= 1;
    }

    [Property(MaxTest = 200)]
    public bool Merged_buckets_keep_totals_and_meet_the_expected_count(int seed, byte n, byte m)
    {
        var random = new Random(seed);
        var aligned = HistogramAlignment.Align(Bin(Sample(random, n, 1)), Bin(Sample(random, m, 1.5)));
        var merged = SparseBucketMerger.Merge(aligned);
        var share = aligned.BaselineTotal + aligned.CandidateTotal > 0
            ? Math.Min(aligned.BaselineTotal, aligned.CandidateTotal) / (aligned.BaselineTotal + aligned.CandidateTotal)
            : 0;
        var everyGroupMeetsIt = Enumerable.Range(0, merged.BucketCount).All(i => (merged.Baseline[i] + merged.Candidate[i]) * share >= 5);
        return merged.BaselineTotal == aligned.BaselineTotal
            && merged.CandidateTotal == aligned.CandidateTotal
            && merged.UpperBounds[^1].Equals(aligned.UpperBounds[^1])
            && (merged.BucketCount == 1 || everyGroupMeetsIt);
    }

    [Property(MaxTest = 200)]
    public bool Drift_never_passes_below_the_minimum_count(int seed, byte n)
    {
        var random = new Random(seed);
        var few = Bin(Sample(random, n % 100, 1));
        var many = Bin(Sample(random, 500, 1));
        return DriftEvaluator.Evaluate(many, few, new DriftOptions { MinimumCountPerVersion = 100 }).Phase == StatisticalPhase.Inconclusive;
    }
}
