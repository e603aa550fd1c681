using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Tests.Environments;

/// <summary>The canary's steps in the environments file (issue 12): Argo Rollouts' setWeight, analysis, pause.</summary>
public sealed class CanaryStepsTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void Steps_are_read_in_order_and_an_environment_without_them_gets_the_default()
    {
        var environments = EnvironmentsFile.Parse("""
            environments:
              staging:
                local: true
                strategy: canary
                router: { socket: /run/haproxy/admin.sock }
                canary:
                  steps:
                    - setWeight: 5
                    - pause: { duration: 30s }
                    - analysis: {}
                    - setWeight: 25
                    - analysis:
                    - setWeight: 100
              prod:
                local: true
                strategy: canary
                router: { socket: /run/haproxy/admin.sock }
            """, "environments.yaml", NoVariables);

        Assert.Equal<CanaryStep>(
            [new CanaryStep.SetWeight(5), new CanaryStep.Pause(TimeSpan.FromSeconds(30)), new CanaryStep.Analysis(), new CanaryStep.SetWeight(25),
                new CanaryStep.Analysis(), new CanaryStep.SetWeight(100)],
            environments["staging"].CanarySteps!);
        Assert.Null(environments["prod"].CanarySteps);
    }

    [Theory]
    [InlineData("- setWeight: 10\n- setWieght: 20", "6:11: unknown key 'setWieght' in canary step 2; did you mean 'setWeight'?")]
    [InlineData("- setWeight: 10\n- { setWeight: 20, analysis: {} }", "6:11: canary step 2 must have exactly one of setWeight, analysis, pause")]
    [InlineData("- setWeight: 50\n- setWeight: 20", "6:11: canary step 2: setWeight 20 does not raise the canary's weight (50 before it)")]
    [InlineData("- analysis: {}", "5:11: canary step 1: analysis before any setWeight: the canary has no traffic to analyse")]
    [InlineData("- setWeight: ten", "5:22: 'setWeight' must be a finite number, not 'ten'")]
    [InlineData("- pause: {}", "5:11: canary step 1: pause until approved before any setWeight: the canary has no traffic to hold")]
    [InlineData("- setWeight: 10\n- pause: { duration: soon }", "6:30: 'duration' must be a duration such as 500ms, 10s, 2m or 1h30m, not 'soon'")]
    [InlineData("- setWeight: 10\n- analysis: { gates: x.yaml }", "6:23: unknown key 'gates' in 'analysis'")]
    [InlineData("[]", "5:9: 'steps' must be a list of steps")]
    public void Steps_that_cannot_run_are_refused_at_their_line_and_column(string steps, string message)
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse(
            "environments:\n  staging:\n    canary:\n      steps:\n" + string.Join("\n", steps.Split('\n').Select(line => "        " + line)) +
            "\n    local: true\n    router: { socket: /run/haproxy/admin.sock }\n",
            "environments.yaml", NoVariables));
        Assert.Contains("environments.yaml:" + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canary_steps_need_a_router()
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse("""
            environments:
              staging:
                local: true
                canary: { steps: [ { setWeight: 10 } ] }
            """, "environments.yaml", NoVariables));
        Assert.Contains("'canary' needs 'router'", error.Message, StringComparison.Ordinal);
    }
}
