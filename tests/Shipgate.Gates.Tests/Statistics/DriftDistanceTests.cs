using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

/// <summary>PSI, KS, Jensen–Shannon, Wasserstein and chi-square against scipy/numpy (see <see cref="Reference.Script"/>).</summary>
public class DriftDistanceTests
{
    private const double Inf = double.PositiveInfinity;
    private static readonly AlignedHistograms CaseA = Reference.Aligned([10, 20, 30, 40], [15, 25, 25, 35]);
    private static readonly AlignedHistograms CaseB = Reference.Aligned([120, 340, 280, 160, 100], [90, 260, 300, 210, 140]);

    [Fact]
    public void Psi_matches_the_smoothed_formula()
    {
        Reference.Close(0.04502626675793381, PopulationStabilityIndex.Compute(CaseA)); // reference_values.py: psi_a
        Reference.Close(0.32169397043273334, PopulationStabilityIndex.Compute(Reference.Aligned([0, 50, 50], [10, 40, 50]))); // psi_zero_bucket
    }

    [Fact]
    public void Psi_noise_level_uses_the_chi_square_quantile() =>
        Reference.Close(0.11063920113323018, PopulationStabilityIndex.NoiseLevel(200, 300, 5, 0.01), 1e-9); // psi_noise_n200_m300_k5_a0.01

    [Fact]
    public void Psi_of_identical_histograms_is_zero_and_of_an_empty_version_is_nan()
    {
        Assert.Equal(0, PopulationStabilityIndex.Compute(Reference.Aligned([3, 5, 8], [3, 5, 8])));
        Assert.True(double.IsNaN(PopulationStabilityIndex.Compute(Reference.Aligned([0, 0, 0], [3, 5, 8]))));
        Assert.True(double.IsNaN(PopulationStabilityIndex.NoiseLevel(200, 300, 1, 0.01)));
    }

    [Theory]
    [InlineData(0.3, 0.9999906941986655)] // reference_values.py: kstwobign_sf(0.3)
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.17, 0.12939004218561884)] // just below the switch between the two series
    [InlineData(1.19, 0.11774229287977166)] // just above it
    [InlineData(1.5, 0.022217962616525127)]
    [InlineData(2.5, 7.453306344157342e-06)]
    [InlineData(4.0, 2.532833109818835e-14)]
    public void Kolmogorov_survival_matches_scipy_kstwobign(double lambda, double expected) =>
        Reference.Close(expected, KolmogorovSmirnov.KolmogorovSurvival(lambda), 1e-9);

    [Fact]
    public void Ks_statistic_and_p_value_match_scipy()
    {
        var d = KolmogorovSmirnov.Statistic(CaseA);
        Reference.Close(0.10000000000000003, d, 1e-12); // ks_a_d
        Reference.Close(0.6993741991310152, KolmogorovSmirnov.PValue(d, 100, 100), 1e-9); // ks_a_p
        var d2 = KolmogorovSmirnov.Statistic(CaseB);
        Reference.Close(0.11000000000000004, d2, 1e-12); // ks_b_d
        Reference.Close(1.1119026483300153e-05, KolmogorovSmirnov.PValue(d2, 1000, 1000), 1e-9); // ks_b_p
    }

    [Fact]
    public void Ks_of_an_empty_version_is_nan_and_its_p_value_too()
    {
        Assert.True(double.IsNaN(KolmogorovSmirnov.Statistic(Reference.Aligned([0, 0], [1, 2]))));
        Assert.True(double.IsNaN(KolmogorovSmirnov.PValue(double.NaN, 10, 10)));
        Assert.Equal(1, KolmogorovSmirnov.KolmogorovSurvival(0));
    }

    [Fact]
    public void Jensen_shannon_distance_matches_scipy_base_2()
    {
        Reference.Close(0.09210804568706063, JensenShannon.Distance(CaseA), 1e-12); // js_a
        Reference.Close(1.0, JensenShannon.Distance(Reference.Aligned([5, 0], [0, 7])), 1e-12); // js_disjoint
        Reference.Close(0.23241293654355832, JensenShannon.Distance(Reference.Aligned([0, 50, 50], [10, 40, 50])), 1e-12); // js_zero_bucket
        Assert.Equal(0, JensenShannon.Distance(Reference.Aligned([2, 4], [1, 2])));
    }

    [Fact]
    public void Wasserstein_matches_a_fine_grid_integral_of_the_interpolated_cdfs()
    {
        var histograms = Reference.Aligned([0.1, 0.2, 0.5, 1.0, Inf], [5, 10, 30, 40, 15], [2, 8, 20, 50, 20]);
        Reference.Close(0.08399999999999701, Wasserstein.Distance(histograms), 1e-9); // w1_a (numpy trapezoid on 2e6 points)
        // w1_crossing: the CDF difference changes sign inside the middle bucket; by hand 0.25 · 3.
        Reference.Close(0.75, Wasserstein.Distance(Reference.Aligned([0, 1, 2, 3], [0, 10, 0, 10], [0, 0, 20, 0])), 1e-12);
    }

    [Fact]
    public void Wasserstein_of_a_whole_bucket_moved_one_bucket_up_is_the_bucket_width()
    {
        // Uniform mass on (1, 2] against uniform mass on (2, 3]: W1 = 1 exactly (by hand).
        Reference.Close(1.0, Wasserstein.Distance(Reference.Aligned([1, 2, 3, Inf], [0, 50, 0, 0], [0, 0, 80, 0])));
    }

    [Fact]
    public void Chi_square_homogeneity_matches_scipy_chi2_contingency()
    {
        var b = ChiSquareHomogeneity.Test(CaseB);
        Reference.Close(29.06545954821817, b.Statistic, 1e-12); // chi_b
        Assert.Equal(4, b.DegreesOfFreedom);
        Reference.Close(7.5816448881016725e-06, b.PValue, 1e-9);
        var a = ChiSquareHomogeneity.Test(CaseA);
        Reference.Close(2.3434343434343434, a.Statistic, 1e-12); // chi_a
        Reference.Close(0.5042511431936056, a.PValue, 1e-9);
        var tiny = ChiSquareHomogeneity.Test(Reference.Aligned([1000, 1000], [700, 1300]));
        Reference.Close(8.359602284638627e-22, tiny.PValue, 1e-6); // chi_tiny_p: stays accurate far in the tail
    }

    [Fact]
    public void Chi_square_skips_buckets_empty_in_both_and_needs_two_informative_buckets()
    {
        var withEmpty = ChiSquareHomogeneity.Test(Reference.Aligned([10, 0, 20, 30, 40], [15, 0, 25, 25, 35]));
        Reference.Close(2.3434343434343434, withEmpty.Statistic, 1e-12); // same as chi_a
        Assert.Equal(3, withEmpty.DegreesOfFreedom);
        var single = ChiSquareHomogeneity.Test(Reference.Aligned([0, 30, 0], [0, 40, 0]));
        Assert.True(double.IsNaN(single.PValue));
        Assert.Equal(0, single.DegreesOfFreedom);
    }
}
