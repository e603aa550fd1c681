using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Tests.Environments;

/// <summary>The canary's baseline in the environments file (issue 12): <c>canary: { baseline: concurrent }</c>.</summary>
public sealed class CanaryBaselineFileTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Fact]
    public void A_concurrent_baseline_is_opt_in_per_environment_and_may_go_without_steps()
    {
        var environments = EnvironmentsFile.Parse("""
            environments:
              staging:
                local: true
                strategy: canary
                router: { socket: /run/haproxy/admin.sock }
                canary: { baseline: concurrent }
              prod:
                local: true
                strategy: canary
                router: { socket: /run/haproxy/admin.sock }
                canary:
                  baseline: stable
                  steps: [{ setWeight: 20 }, { analysis: {} }]
              qa:
                local: true
                strategy: canary
                router: { socket: /run/haproxy/admin.sock }
            """, "environments.yaml", NoVariables);

        Assert.Equal((CanaryBaseline.Concurrent, null), (environments["staging"].CanaryBaseline, environments["staging"].CanarySteps));
        Assert.Equal(CanaryBaseline.Stable, environments["prod"].CanaryBaseline);
        Assert.Equal(CanaryBaseline.Stable, environments["qa"].CanaryBaseline);
    }

    [Theory]
    [InlineData("baseline: kayenta", "4:17: 'baseline' is 'concurrent'")]
    [InlineData("baseline: concurrent\n      steps: [{ setWeight: 10 }, { analysis: {} }, { setWeight: 60 }, { analysis: {} }]",
        "5:14: environment 'staging': canary step 3: setWeight 60 with a concurrent baseline, which gets as much: below 100 a canary's weight is at most 50")]
    [InlineData("baselne: concurrent", "unknown key 'baselne' in 'canary' of environment 'staging'; did you mean 'baseline'?")]
    public void A_baseline_that_cannot_run_is_refused_at_its_line_and_column(string canary, string message)
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse(
            "environments:\n  staging:\n    canary:\n      " + canary + "\n    local: true\n    router: { socket: /run/haproxy/admin.sock }\n",
            "environments.yaml", NoVariables));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_concurrent_baseline_needs_the_router()
    {
        var error = Assert.Throws<YamlFileException>(() => EnvironmentsFile.Parse(
            "environments:\n  staging:\n    local: true\n    canary: { baseline: concurrent }\n", "environments.yaml", NoVariables));
        Assert.Contains("'canary' needs 'router'", error.Message, StringComparison.Ordinal);
    }
}
