using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Tests.Statistics;

public class ZeroBaselineTests
{
    [Fact]
    public void A_rise_from_a_zero_baseline_is_said_in_words_and_decided_by_the_test()
    {
        var baseline = Enumerable.Repeat(0.0, 30).ToList();
        var candidate = Enumerable.Range(0, 30).Select(i => 0.1 + (i * 0.001)).ToList();

        var result = MannWhitneyEvaluator.Evaluate(candidate, baseline, new MannWhitneyOptions());

        Assert.Equal(StatisticalPhase.Fail, result.Phase);
        Assert.Contains("mean from 0 (baseline) to 0.1", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", result.Reason, StringComparison.Ordinal);
    }
}
