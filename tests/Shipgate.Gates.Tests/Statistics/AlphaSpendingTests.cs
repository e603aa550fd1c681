using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class AlphaSpendingTests
{
    private const double Alpha = 0.01 / 3;

    [Theory]
    // reference_values.py "# alpha spending": obf(a, t) = 2 * scipy.stats.norm.sf(norm.isf(a / 2) / sqrt(t))
    [InlineData(1.0 / 6, 6.491434688351493e-13)]
    [InlineData(0.5, 3.310273613304259e-05)]
    [InlineData(5.0 / 6, 0.0013028560115393019)]
    [InlineData(1.0, 0.003333333333333335)]
    public void OBrien_Fleming_spending_matches_scipy(double t, double expected) =>
        Reference.Close(expected, AlphaSpending.Cumulative(SpendingFunction.OBrienFleming, Alpha, t), 1e-9);

    [Theory]
    // reference_values.py "# alpha spending": pocock(a, t) = a * numpy.log(1 + (e - 1) t)
    [InlineData(1.0 / 6, 0.0008394410298593419)]
    [InlineData(0.5, 0.002067048356527592)]
    [InlineData(5.0 / 6, 0.002962244904636522)]
    [InlineData(1.0, 0.0033333333333333335)]
    public void Pocock_spending_matches_numpy(double t, double expected) =>
        Reference.Close(expected, AlphaSpending.Cumulative(SpendingFunction.Pocock, Alpha, t), 1e-12);

    [Fact]
    public void Nominal_alphas_of_six_even_looks_are_the_scipy_increments()
    {
        // reference_values.py "# alpha spending": obf_increments_6 and pocock_increments_6 (numpy.diff of the spending at k/6)
        double[] obf = [6.491434688351493e-13, 3.6973356065060914e-07, 3.273300192324851e-05, 0.0002914502423774043, 0.000978303033028855, 0.002030477321794033];
        double[] pocock = [0.0008394410298593419, 0.0006700003876871293, 0.0005576069389811207, 0.0004775600281062124, 0.00041763652000271784, 0.00037108842869681144];
        var looks = AlphaSpending.EvenlySpaced(6);
        var actualObf = AlphaSpending.NominalAlphas(SpendingFunction.OBrienFleming, Alpha, looks);
        var actualPocock = AlphaSpending.NominalAlphas(SpendingFunction.Pocock, Alpha, looks);
        for (var k = 0; k < 6; k++)
        {
            Reference.Close(obf[k], actualObf[k], 1e-8);
            Reference.Close(pocock[k], actualPocock[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(SpendingFunction.OBrienFleming)]
    [InlineData(SpendingFunction.Pocock)]
    public void Nominal_alphas_spend_exactly_alpha_by_the_last_look_and_never_more(SpendingFunction function)
    {
        var nominal = AlphaSpending.NominalAlphas(function, 0.05, [0.1, 0.25, 0.6, 1.0]);
        Assert.All(nominal, a => Assert.True(a > 0));
        Reference.Close(0.05, nominal.Sum(), 1e-12);
        Reference.Close(AlphaSpending.Cumulative(function, 0.05, 0.6), nominal.Take(3).Sum(), 1e-12);
    }

    [Fact]
    public void OBrien_Fleming_gives_the_last_of_six_looks_more_than_a_Bonferroni_share()
    {
        var last = AlphaSpending.NominalAlphas(SpendingFunction.OBrienFleming, Alpha, AlphaSpending.EvenlySpaced(6))[^1];
        Assert.True(last > 3 * Alpha / 6, $"last look α {last}");
    }

    [Fact]
    public void A_single_look_gets_all_of_alpha() =>
        Assert.Equal(0.01, AlphaSpending.NominalAlphas(SpendingFunction.OBrienFleming, 0.01, [1.0])[0], 15);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Alpha_outside_zero_one_is_rejected(double alpha)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.Cumulative(SpendingFunction.Pocock, alpha, 0.5));
        Assert.Equal("alpha", error.ParamName);
    }

    [Fact]
    public void Information_fractions_must_increase_within_zero_one()
    {
        Assert.Equal("informationFractions", Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.NominalAlphas(SpendingFunction.Pocock, 0.01, [0.5, 0.5])).ParamName);
        Assert.Equal("informationFractions", Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.NominalAlphas(SpendingFunction.Pocock, 0.01, [0.5, 1.2])).ParamName);
        Assert.Equal("informationFractions", Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.NominalAlphas(SpendingFunction.Pocock, 0.01, [])).ParamName);
        Assert.Equal("informationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.Cumulative(SpendingFunction.Pocock, 0.01, -0.1)).ParamName);
    }
}
