using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class CanaryPlanTests
{
    [Fact]
    public void The_default_steps_are_10_percent_analysis_50_percent_analysis_all_the_traffic()
    {
        Assert.Null(CanaryPlan.Problem(CanaryPlan.Default));
        Assert.Equal("setWeight 10% → analysis → setWeight 50% → analysis → setWeight 100%", CanaryPlan.Describe(CanaryPlan.Default));
    }

    [Fact]
    public void Steps_that_stop_below_100_percent_end_with_the_canary_taking_all_the_traffic()
    {
        CanaryStep[] steps = [new CanaryStep.SetWeight(20), new CanaryStep.Pause(TimeSpan.FromSeconds(5))];
        Assert.Equal([.. steps, new CanaryStep.SetWeight(100)], CanaryPlan.Complete(steps));
        Assert.Same(CanaryPlan.Default, CanaryPlan.Complete(CanaryPlan.Default));
    }

    [Theory]
    [InlineData("step 1: analysis before any setWeight: the canary has no traffic to analyse", "analysis", "10")]
    [InlineData("step 2: setWeight 10 does not raise the canary's weight (50 before it)", "50", "10")]
    [InlineData("step 2: setWeight 20 does not raise the canary's weight (20 before it)", "20", "20")]
    [InlineData("step 1: setWeight is above 0 and at most 100, not 0", "0")]
    [InlineData("step 1: setWeight is above 0 and at most 100, not 120", "120")]
    [InlineData("step 2: pause needs a duration above 0", "10", "pause 0")]
    [InlineData("a canary needs at least one step")]
    public void Steps_that_cannot_run_are_refused_naming_the_step(string problem, params string[] steps)
    {
        Assert.Equal(problem, CanaryPlan.Problem(steps.Select(Step).ToList()));
    }

    private static CanaryStep Step(string text) => text switch
    {
        "analysis" => new CanaryStep.Analysis(),
        ['p', 'a', 'u', 's', 'e', ' ', .. var seconds] => new CanaryStep.Pause(TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))),
        _ => new CanaryStep.SetWeight(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
