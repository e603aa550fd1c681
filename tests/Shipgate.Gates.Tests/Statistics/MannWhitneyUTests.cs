using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

/// <summary>Against scipy's <c>mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="asymptotic")</c>.</summary>
public class MannWhitneyUTests
{
    [Fact]
    public void Matches_scipy_with_ties()
    {
        // reference_values.py: mwu_ties (U, z, p)
        var result = MannWhitneyU.Test([1, 2, 2, 3, 3, 3, 4, 5, 6, 7], [2, 3, 4, 4, 5, 5, 6, 7, 8, 9, 9, 10]);
        Assert.Equal(27.5, result.U);
        Reference.Close(-2.125069906538297, result.Z, 1e-9);
        Reference.Close(0.03358078019083418, result.PValue, 1e-9);
    }

    [Fact]
    public void Matches_scipy_without_ties()
    {
        // reference_values.py: mwu_no_ties
        var result = MannWhitneyU.Test([0.31, 0.42, 0.55, 0.61, 0.73, 0.88, 0.95, 1.02], [0.11, 0.19, 0.25, 0.33, 0.47, 0.52, 0.58, 0.69, 0.8]);
        Assert.Equal(55, result.U);
        Reference.Close(1.7801633300013455, result.Z, 1e-9);
        Reference.Close(0.07504923472080162, result.PValue, 1e-9);
    }

    [Fact]
    public void Matches_scipy_on_rounded_lognormal_latencies()
    {
        // reference_values.py: mwu_lognormal (numpy default_rng(7) lognormal samples rounded to whole ms, many ties)
        double[] x = [100, 109, 92, 77, 87, 74, 102, 149, 86, 83, 116, 111, 103, 76, 99, 123, 67, 87, 57, 68, 58, 93, 68, 108, 105, 95, 47, 85, 99, 103, 63, 87, 75, 78, 137, 78, 99, 130, 84, 97];
        double[] y = [120, 118, 80, 119, 175, 73, 150, 120, 96, 212, 146, 81, 119, 138, 110, 143, 114, 142, 179, 95, 123, 101, 121, 81, 98, 110, 152, 164, 78, 92, 141, 64, 101, 113, 169, 143, 105, 104, 108, 184, 102, 106, 129, 112, 110, 83, 116, 102, 165, 141];
        var result = MannWhitneyU.Test(x, y);
        Assert.Equal(429.5, result.U);
        Reference.Close(-4.6290551414598635, result.Z, 1e-9);
        Reference.Close(3.6733795265078597e-06, result.PValue, 1e-8);
    }

    [Fact]
    public void All_values_tied_gives_no_evidence()
    {
        var result = MannWhitneyU.Test([5, 5, 5], [5, 5, 5, 5]);
        Assert.Equal(6, result.U);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void An_empty_sample_gives_nan() =>
        Assert.True(double.IsNaN(MannWhitneyU.Test([], [1, 2]).PValue));
}
