using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Tests.Execution;

namespace Shipgate.Pipeline.Tests.Approvals;

// The runner sets Serilog's static logger, so these tests share the collection of the other runner tests.
[Collection("static logger")]
public class ApprovalInBuildTests
{
    private sealed class GatedBuild : ShipgateBuild
    {
        public List<string> Ran { get; } = [];

        [Parameter("Where to deploy")]
        public string? Environment { get; set; }

        public Target Image => _ => _.Executes(() => Ran.Add(nameof(Image)));

        public Target Deploy => _ => _
            .DependsOn(Image)
            .RequiresApproval("production", () => Environment, "alice")
            .Executes(() => Ran.Add(nameof(Deploy)));
    }

    [Fact]
    public void Without_a_terminal_a_production_deploy_is_refused_before_anything_runs()
    {
        using var harness = new BuildHarness();
        harness.Variables["CI"] = "true";
        var build = new GatedBuild();

        var exit = harness.Run(build, null, "Deploy", "--environment", "production");

        Assert.Equal(2, exit);
        Assert.Empty(build.Ran);
        Assert.Contains("Target 'Deploy' requires approval for 'production'", harness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_approve_the_deploy_runs_and_the_approval_is_on_the_build()
    {
        using var harness = new BuildHarness();
        harness.Variables["CI"] = "true";
        harness.Variables["USER"] = "alice";
        var build = new GatedBuild();

        var exit = harness.Run(build, null, "Deploy", "--environment", "production", "--approve");

        Assert.Equal(0, exit);
        Assert.Equal(["Image", "Deploy"], build.Ran);
        var approval = Assert.Single(build.Approvals);
        Assert.Equal(("Deploy", "production", ApprovalMethod.CommandLineFlag), (approval.Target, approval.Environment, approval.Method));
    }

    [Fact]
    public void Staging_needs_no_approval()
    {
        using var harness = new BuildHarness();
        harness.Variables["CI"] = "true";
        var build = new GatedBuild();

        Assert.Equal(0, harness.Run(build, null, "Deploy", "--environment", "staging"));
        Assert.Empty(build.Approvals);
    }
}
