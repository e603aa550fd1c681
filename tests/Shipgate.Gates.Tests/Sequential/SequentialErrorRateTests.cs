using MathNet.Numerics.Distributions;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Tests.Statistics;

namespace Shipgate.Gates.Tests.Sequential;

public class SequentialErrorRateTests
{
    private static readonly SequentialOptions Options = new() { MinimumEffect = 1.0, MinimumAbsoluteEffect = 0.005 };

    [Theory]
    // reference_values.py "# error rate"
    [InlineData(40, 2000, 20, 2000, 2.791954278346713, StatisticalPhase.Inconclusive)]
    [InlineData(0, 1000, 0, 1000, -1.6622773430375024, StatisticalPhase.Inconclusive)]
    [InlineData(0, 5000, 0, 5000, -8.311386715187512, StatisticalPhase.Pass)]
    [InlineData(20, 100, 0, 1000, 12.508817467227582, StatisticalPhase.Fail)]
    [InlineData(22, 2000, 20, 2000, -2.3046396792568906, StatisticalPhase.Inconclusive)]
    public void The_ratio_matches_the_closed_form(double xc, double nc, double xb, double nb, double expected, StatisticalPhase phase)
    {
        var result = SequentialErrorRate.Evaluate(xc, nc, xb, nb, Options);
        Reference.Close(expected, result.LogLikelihoodRatio, 1e-12);
        Assert.Equal(phase, result.Phase);
    }

    /// <summary>
    /// 15 errors in 1,000 requests against a baseline at 1% known from 10⁹ requests: Wald's binomial ratio
    /// 15·ln 2 + 985·ln(0.98/0.99) = 0.397 (reference_values.py "binomial"). The normal shortcut with the variance
    /// at the regressed rate put 1.5% exactly halfway and said 0, which took a doubling half as fast to show.
    /// </summary>
    [Fact]
    public void Against_a_baseline_known_far_better_it_is_walds_binomial_test()
    {
        var result = SequentialErrorRate.Evaluate(15, 1000, 1e7, 1e9, Options);
        Reference.Close(0.39712181634148713, result.LogLikelihoodRatio, 1e-5);
    }

    [Fact]
    public void A_clean_baseline_uses_the_absolute_minimum_effect()
    {
        var result = SequentialErrorRate.Evaluate(0, 5000, 0, 5000, Options);
        Assert.Equal(0.005, result.MinimumEffect);
        Assert.Contains("ruled out", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_requests_is_no_evidence_yet_never_a_pass()
    {
        var result = SequentialErrorRate.Evaluate(0, 99, 0, 5000, Options);
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.Equal(0, result.LogLikelihoodRatio);
        Assert.Contains("too few requests", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, 100)]
    [InlineData(-1, 100)]
    [InlineData(101, 100)]
    public void Broken_counts_are_unusable_data(double errors, double total)
    {
        var result = SequentialErrorRate.Evaluate(errors, total, 1, 1000, Options);
        Assert.Equal(StatisticalPhase.Inconclusive, result.Phase);
        Assert.False(result.HasEvidence);
    }

    /// <summary>
    /// The promise itself, by simulation (seeded): looking 30 times at healthy releases fails at most α of them,
    /// and a regression of exactly the minimum effect passes at most β of them.
    /// </summary>
    [Theory]
    [InlineData(1.0, true)]
    [InlineData(2.0, false)]
    public void Looking_at_every_batch_keeps_false_failures_below_alpha_and_missed_regressions_below_beta(double factor, bool healthy)
    {
        var options = Options with { FalseRollbackRate = 0.05, MissedRegressionRate = 0.05 };
        var random = new Random(42);
        var wrong = 0;
        const int Releases = 2000;
        for (var release = 0; release < Releases; release++)
        {
            double xc = 0, nc = 0, xb = 0, nb = 0;
            var phase = StatisticalPhase.Inconclusive;
            for (var look = 0; look < 30 && phase == StatisticalPhase.Inconclusive; look++)
            {
                nc += 500;
                nb += 500;
                xc += Binomial.Sample(random, 0.01 * factor, 500);
                xb += Binomial.Sample(random, 0.01, 500);
                phase = SequentialErrorRate.Evaluate(xc, nc, xb, nb, options).Phase;
            }

            if (phase == (healthy ? StatisticalPhase.Fail : StatisticalPhase.Pass))
                wrong++;
        }

        Assert.InRange((double)wrong / Releases, 0, 0.05);
    }

    /// <summary>
    /// The baseline read over the candidate's own growing window (no baselineWindow): both versions at 100
    /// requests/s and 1% errors, a look every 2 s for 60 s, α = 1/300 as one of three gates under a 1% budget.
    /// Taking the test's level at the baseline's own rate failed 0.6–0.8% of these healthy releases (a baseline
    /// that happened to show few errors made the candidate's ordinary ones look like a doubling); at the level both
    /// versions share it stays below α.
    /// </summary>
    [Fact]
    public void A_baseline_read_over_the_candidates_short_window_keeps_false_failures_below_alpha()
    {
        var options = Options with { FalseRollbackRate = 0.01 / 3 };
        var random = new Random(7);
        var failed = 0;
        const int Releases = 6000;
        for (var release = 0; release < Releases; release++)
        {
            double xc = 0, nc = 0, xb = 0, nb = 0;
            var phase = StatisticalPhase.Inconclusive;
            for (var second = 1; second <= 60 && phase == StatisticalPhase.Inconclusive; second++)
            {
                var candidateRequests = Poisson.Sample(random, 100);
                var baselineRequests = Poisson.Sample(random, 100);
                nc += candidateRequests;
                nb += baselineRequests;
                xc += Binomial.Sample(random, 0.01, candidateRequests);
                xb += Binomial.Sample(random, 0.01, baselineRequests);
                if (second % 2 == 0)
                    phase = SequentialErrorRate.Evaluate(xc, nc, xb, nb, options).Phase;
            }

            if (phase == StatisticalPhase.Fail)
                failed++;
        }

        Assert.InRange((double)failed / Releases, 0, options.FalseRollbackRate);
    }
}
