using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class ProportionComparisonTests
{
    [Theory]
    // reference_values.py: fisher_greater(xc, nc, xb, nb) = scipy.stats.fisher_exact([[xc, nc-xc], [xb, nb-xb]], alternative="greater")
    [InlineData(30, 3000, 15, 3000, 0.017506735166392437)]
    [InlineData(5, 1000, 0, 1000, 0.0310937892581744)]
    [InlineData(0, 100, 0, 100, 1.0)]
    [InlineData(600, 60000, 500, 60000, 0.0013475693161748385)]
    [InlineData(10, 2000, 30, 2000, 0.9996800581992618)]
    [InlineData(3, 10, 1, 12, 0.22556390977443608)]
    public void One_sided_fisher_p_value_matches_scipy(long xc, long nc, long xb, long nb, double expected) =>
        Reference.Close(expected, ProportionComparison.CandidateHigherPValue(xc, nc, xb, nb), 1e-9);

    [Fact]
    public void A_significant_doubling_fails()
    {
        var result = ProportionComparison.Evaluate(60, 3000, 30, 3000, new ProportionComparisonOptions { Confidence = 0.99, AllowedRelativeIncrease = 0.1 });
        Assert.Equal(StatisticalPhase.Fail, result.Phase);
        Reference.Close(2.0, result.RateRatio);
        Assert.True(result.PValue < 0.01);
    }

    [Fact]
    public void A_doubling_that_is_not_significant_passes()
    {
        // reference fisher_greater(30,3000,15,3000) = 0.0175: significant at 95%, not at 99%.
        Assert.Equal(StatisticalPhase.Pass, ProportionComparison.Evaluate(30, 3000, 15, 3000, new ProportionComparisonOptions { Confidence = 0.99 }).Phase);
        Assert.Equal(StatisticalPhase.Fail, ProportionComparison.Evaluate(30, 3000, 15, 3000, new ProportionComparisonOptions { Confidence = 0.95 }).Phase);
    }

    [Fact]
    public void A_significant_increase_within_the_allowed_increase_passes()
    {
        // 1.0% → 1.2%: p = 0.00135 (fisher_greater(600,60000,500,60000)), but +20% is inside +25%.
        var result = ProportionComparison.Evaluate(600, 60000, 500, 60000, new ProportionComparisonOptions { AllowedRelativeIncrease = 0.25 });
        Assert.Equal(StatisticalPhase.Pass, result.Phase);
        Assert.Contains("within the allowed", result.Reason, StringComparison.Ordinal);
        var absolute = ProportionComparison.Evaluate(600, 60000, 500, 60000, new ProportionComparisonOptions { AllowedRelativeIncrease = 0, AllowedAbsoluteIncrease = 0.005 });
        Assert.Equal(StatisticalPhase.Pass, absolute.Phase);
    }

    [Theory]
    [InlineData(0, 50, 0, 5000)]
    [InlineData(5, 5000, 0, 99)]
    [InlineData(double.NaN, 5000, 0, 5000)]
    [InlineData(0, double.PositiveInfinity, 0, 5000)]
    [InlineData(-1, 5000, 0, 5000)]
    [InlineData(10, 5, 0, 5000)]
    public void Too_few_requests_or_invalid_counts_are_inconclusive(double xc, double nc, double xb, double nb)
    {
        var result = ProportionComparison.Evaluate(xc, nc, xb, nb, new ProportionComparisonOptions { MinimumRequestsPerVersion = 100 });
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Fractional_increase_results_are_rounded()
    {
        var result = ProportionComparison.Evaluate(59.6, 2999.7, 30.2, 3000.4, new ProportionComparisonOptions());
        Assert.Equal((60, 3000, 30, 3000), (result.CandidateErrors, result.CandidateTotal, result.BaselineErrors, result.BaselineTotal));
    }

    [Fact]
    public void Invalid_options_name_the_option() =>
        Assert.Equal("Confidence", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ProportionComparison.Evaluate(1, 100, 1, 100, new ProportionComparisonOptions { Confidence = 1 })).ParamName);
}
