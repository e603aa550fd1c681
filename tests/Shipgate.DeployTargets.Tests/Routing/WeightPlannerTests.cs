using Shipgate.DeployTargets.Routing;

namespace Shipgate.DeployTargets.Tests.Routing;

public sealed class WeightPlannerTests
{
    [Theory]
    [InlineData(10, 1, 1, 10.0)]
    [InlineData(25, 1, 1, 25.0)]
    [InlineData(50, 2, 1, 50.0)]
    [InlineData(10, 3, 1, 10.0)]
    [InlineData(10, 3, 2, 10.0)]
    [InlineData(1, 4, 1, 1.0)]
    public void A_canary_step_gets_its_percent_whatever_the_replicas(double percent, int stableReplicas, int canaryReplicas, double expected)
    {
        var stable = Names("stable", stableReplicas);
        var canary = Names("canary", canaryReplicas);

        var plan = WeightPlanner.Plan(CanaryStepSplit.For(percent, stable, canary), maxWeight: 256);

        Assert.Equal(expected, plan.EffectivePercent[CanaryStepSplit.Canary], precision: 1);
        Assert.All(plan.Weights.Values, w => Assert.InRange(w, 1, 256));
        // Replicas of a group share its traffic equally.
        Assert.Single(stable.Select(s => plan.Weights[s]).Distinct());
        Assert.Single(canary.Select(s => plan.Weights[s]).Distinct());
    }

    [Fact]
    public void Ten_percent_on_one_canary_against_three_stable_replicas_weighs_one_to_three_each()
    {
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(10, Names("stable", 3), ["canary-1"]), maxWeight: 256);

        // 90% over 3 replicas is 30% each, three times the canary's 10%: exact, at the largest such weights.
        Assert.Equal(3 * plan.Weights["canary-1"], plan.Weights["stable-1"]);
        Assert.Equal(255, plan.Weights["stable-1"]);
        Assert.Equal(10.0, plan.EffectivePercent[CanaryStepSplit.Canary], precision: 9);
    }

    [Fact]
    public void A_concurrent_baseline_takes_the_canarys_weight_from_the_stable_release()
    {
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(20, ["stable-1"], ["canary-1"], ["baseline-1"]), maxWeight: 256);

        Assert.Equal(60.0, plan.EffectivePercent[CanaryStepSplit.Stable], precision: 0);
        Assert.Equal(plan.Weights["canary-1"], plan.Weights["baseline-1"]);
    }

    [Fact]
    public void Zero_percent_is_weight_zero_and_a_tiny_share_is_never_rounded_away()
    {
        var off = WeightPlanner.Plan(CanaryStepSplit.For(0, ["stable-1"], ["canary-1"]), maxWeight: 256);
        var tiny = WeightPlanner.Plan(CanaryStepSplit.For(0.1, ["stable-1"], ["canary-1"]), maxWeight: 256);

        Assert.Equal(0, off.Weights["canary-1"]);
        Assert.Equal(1, tiny.Weights["canary-1"]);
    }

    [Fact]
    public void Full_promotion_sends_everything_to_the_canary()
    {
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(100, ["stable-1"], ["canary-1"], ["baseline-1"]), maxWeight: 256);

        Assert.Equal(0, plan.Weights["stable-1"]);
        Assert.Equal(0, plan.Weights["baseline-1"]);
        Assert.Equal(256, plan.Weights["canary-1"]);
    }

    [Fact]
    public void Shares_that_do_not_add_up_or_repeat_a_server_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WeightPlanner.Plan([new("a", 60, ["s1"]), new("b", 30, ["s2"])], 256));
        Assert.Throws<ArgumentException>(() => WeightPlanner.Plan([new("a", 50, ["s1"]), new("b", 50, ["s1"])], 256));
        Assert.Throws<ArgumentException>(() => WeightPlanner.Plan([new("a", 90, ["s1"]), new("b", 10, [])], 256));
        Assert.Throws<ArgumentException>(() => CanaryStepSplit.For(60, ["s"], ["c"], ["b"]));
    }

    private static string[] Names(string group, int count) => [.. Enumerable.Range(1, count).Select(i => $"{group}-{i}")];
}
