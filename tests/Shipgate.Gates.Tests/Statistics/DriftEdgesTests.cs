using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

/// <summary>Versions whose histograms have different bucket edges: compared on the edges they share, and never on too few.</summary>
public class DriftEdgesTests
{
    private static CumulativeHistogram Histogram(IReadOnlyList<double> edges, Func<double, double> cdf, double count) =>
        CumulativeHistogram.FromBuckets(edges.Select(e => (e, double.IsPositiveInfinity(e) ? count : Math.Round(count * cdf(e)))));

    private static double Uniform(double x) => Math.Clamp(x, 0, 1);

    /// <summary>The mass moved from the low half of [0, 0.5] to its high half: invisible at the edges 0.5 and 1.</summary>
    private static double ShiftedInsideTheLowHalf(double x) => x < 0.5 ? Math.Max(0, (x - 0.25) * 2) * 0.5 : Uniform(x);

    private static readonly double[] Fine = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, double.PositiveInfinity];
    private static readonly double[] Coarse = [0.15, 0.25, 0.35, 0.5, 0.65, 0.75, 0.85, 1, double.PositiveInfinity];

    [Fact]
    public void Too_few_shared_edges_are_inconclusive_naming_both_sets()
    {
        // Sharing only 0.5 and 1, a real shift inside [0, 0.5] passed as "no significant shift".
        var result = DriftEvaluator.Evaluate(Histogram(Fine, Uniform, 5000), Histogram(Coarse, ShiftedInsideTheLowHalf, 5000), new DriftOptions());

        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Contains("share only 2 finite bucket edges ([0.5, 1, +Inf])", result.Reason, StringComparison.Ordinal);
        Assert.Contains("baseline edges [0.1, 0.2, 0.3", result.Reason, StringComparison.Ordinal);
        Assert.Contains("candidate edges [0.15, 0.25, 0.35", result.Reason, StringComparison.Ordinal);
        Assert.Equal([0.5, 1, double.PositiveInfinity], result.SharedUpperBounds);
    }

    [Fact]
    public void Enough_shared_edges_are_compared_and_the_edges_used_are_reported()
    {
        double[] half = [0.2, 0.4, 0.5, 0.6, 0.8, 1, double.PositiveInfinity];
        var result = DriftEvaluator.Evaluate(Histogram(Fine, Uniform, 5000), Histogram(half, Uniform, 5000), new DriftOptions());

        Assert.Equal(StatisticalPhase.Pass, result.Phase);
        Assert.Contains("the bucket edges differ, compared on the 6 finite edges both share: [0.2, 0.4, 0.5, 0.6, 0.8, 1, +Inf]", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_edges_say_nothing_about_edges()
    {
        var result = DriftEvaluator.Evaluate(Histogram(Fine, Uniform, 5000), Histogram(Fine, Uniform, 5000), new DriftOptions());
        Assert.DoesNotContain("edges", result.Reason, StringComparison.Ordinal);
        Assert.Equal(Fine, result.SharedUpperBounds);
    }
}
