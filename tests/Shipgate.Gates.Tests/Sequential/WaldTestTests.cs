using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Tests.Statistics;

namespace Shipgate.Gates.Tests.Sequential;

public class WaldTestTests
{
    [Fact]
    public void The_log_likelihood_ratio_is_the_normal_closed_form() =>
        // reference_values.py "# wald": (m·d − m²/2)/V
        Reference.Close(5.0, WaldTest.LogLikelihoodRatio(0.01, 1e-5, 0.01));

    [Fact]
    public void The_two_sided_ratio_mixes_both_directions_half_and_half() =>
        // reference_values.py "# wald": two_sided(0.1, 0.002, 0.25)
        Reference.Close(-3.8181471805460565, WaldTest.TwoSidedLogLikelihoodRatio(0.1, 0.002, 0.25), 1e-12);

    [Fact]
    public void The_two_sided_ratio_does_not_overflow_on_overwhelming_evidence() =>
        Assert.True(double.IsFinite(WaldTest.TwoSidedLogLikelihoodRatio(10, 1e-6, 1)));

    [Theory]
    [InlineData(4.6, StatisticalPhase.Inconclusive)]
    [InlineData(4.61, StatisticalPhase.Fail)]
    [InlineData(-4.6, StatisticalPhase.Inconclusive)]
    [InlineData(-4.61, StatisticalPhase.Pass)]
    public void It_fails_at_ln_1_over_alpha_and_passes_at_ln_beta(double logLr, StatisticalPhase expected) =>
        Assert.Equal(expected, WaldTest.Decide(logLr, logLr, new SequentialOptions { FalseRollbackRate = 0.01, MissedRegressionRate = 0.01 }));

    [Theory]
    [InlineData(nameof(SequentialOptions.FalseRollbackRate))]
    [InlineData(nameof(SequentialOptions.MissedRegressionRate))]
    [InlineData(nameof(SequentialOptions.MinimumEffect))]
    public void An_invalid_option_is_named(string option)
    {
        var options = option switch
        {
            nameof(SequentialOptions.FalseRollbackRate) => new SequentialOptions { FalseRollbackRate = 0 },
            nameof(SequentialOptions.MissedRegressionRate) => new SequentialOptions { MissedRegressionRate = 0.7 },
            _ => new SequentialOptions { MinimumEffect = -1 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(option, e.ParamName);
    }
}
