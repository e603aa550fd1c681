using Shipgate.Pipeline.Execution;

namespace Shipgate.Pipeline.Tests.Execution;

// The runner sets Serilog's static logger, so these tests do not run in parallel with each other.
[Collection("static logger")]
public class BuildExecutionTests
{
    private sealed class RecordingBuild : ShipgateBuild
    {
        public List<string> Ran { get; } = [];

        public bool DocsWanted { get; set; } = true;

        public bool DeployAllowed { get; set; } = true;

        [Parameter("Where to deploy")]
        public string? Environment { get; set; }

        public Target Restore => _ => _.Executes(() => Ran.Add(nameof(Restore)));

        public Target Compile => _ => _.DependsOn(Restore).Executes(() => Ran.Add(nameof(Compile)));

        public Target Test => _ => _.DependsOn(Compile).Executes(() => Ran.Add(nameof(Test)));

        public Target Broken => _ => _.DependsOn(Restore).Executes(() => throw new InvalidOperationException("broken on purpose"));

        public Target Rejected => _ => _.Executes(() => throw new TargetFailedException("gates failed: error rate 4% > 1%"));

        public Target Tolerated => _ => _.ProceedAfterFailure().Executes(() =>
        {
            Ran.Add(nameof(Tolerated));
            throw new InvalidOperationException("tolerated failure");
        });

        public Target AfterBroken => _ => _.DependsOn(Broken).Executes(() => Ran.Add(nameof(AfterBroken)));

        public Target Cleanup => _ => _.After(Broken, Tolerated, Test).AssuredAfterFailure().Executes(() => Ran.Add(nameof(Cleanup)));

        public Target Docs => _ => _.OnlyWhenStatic(() => DocsWanted).Executes(() => Ran.Add(nameof(Docs)));

        public Target Deploy => _ => _.Requires(() => Environment).Requires(() => DeployAllowed).Executes(() => Ran.Add(nameof(Deploy)));

        [Parameter("Port the service listens on")]
        public int? ServicePort { get; set; }

        private static string? IsPort(int? port) => port is >= 1 and <= 65535 ? null : $"a port, 1..65535, not {port}";

        public Target Serve => _ => _.DependsOn(Restore).Requires(() => ServicePort, IsPort).Executes(() => Ran.Add(nameof(Serve)));

        public Target Probe => _ => _.Requires(() => ServicePort, IsPort).Executes(() => Ran.Add(nameof(Probe)));

        public Target Flip => _ => _.Executes(() =>
        {
            Ran.Add(nameof(Flip));
            DocsWanted = false;
        });

        public Target LateDocs => _ => _.After(Flip).OnlyWhenDynamic(() => DocsWanted).Executes(() => Ran.Add(nameof(LateDocs)));

        public Target Async => _ => _.Executes(async () =>
        {
            await Task.Yield();
            Ran.Add(nameof(Async));
        });
    }

    [Fact]
    public void Runs_dependencies_first_and_returns_zero()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, null, "Test"));
        Assert.Equal(["Restore", "Compile", "Test"], build.Ran);
    }

    [Fact]
    public void Default_target_runs_without_arguments()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, "Compile"));
        Assert.Equal(["Restore", "Compile"], build.Ran);
    }

    [Fact]
    public void Failure_stops_the_build_but_assured_targets_still_run()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(1, harness.Run(build, null, "Broken", "Test", "Cleanup"));

        // Test is declared before Broken, so it ran before the failure; Cleanup is assured.
        Assert.Equal(["Restore", "Compile", "Test", "Cleanup"], build.Ran);
    }

    [Fact]
    public void An_expected_failure_is_logged_with_its_message_and_no_stack_trace_an_unexpected_one_with_its_stack()
    {
        using var harness = new BuildHarness();

        Assert.Equal(1, harness.Run(new RecordingBuild(), null, "Rejected"));
        var expected = harness.Out.ToString() + harness.Error;
        Assert.Contains("Target Rejected failed: gates failed: error rate 4% > 1%", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("TargetFailedException", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", expected, StringComparison.Ordinal);

        using var other = new BuildHarness();
        Assert.Equal(1, other.Run(new RecordingBuild(), null, "Broken"));
        Assert.Contains("   at ", other.Out.ToString() + other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_depending_on_a_failed_target_do_not_run()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(1, harness.Run(build, null, "AfterBroken", "Cleanup"));
        Assert.DoesNotContain("AfterBroken", build.Ran);
        Assert.Contains("Cleanup", build.Ran);
    }

    [Fact]
    public void Proceed_after_failure_lets_the_following_targets_run_and_still_fails_the_build()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(1, harness.Run(build, null, "Tolerated", "Docs"));
        Assert.Equal(["Tolerated", "Docs"], build.Ran);
    }

    [Fact]
    public void Static_condition_false_skips_the_target()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild { DocsWanted = false };

        Assert.Equal(0, harness.Run(build, null, "Docs"));
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void Dynamic_condition_is_checked_just_before_the_target()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        // A static check would have seen DocsWanted == true; Flip changes it before LateDocs runs.
        Assert.Equal(0, harness.Run(build, null, "Flip", "LateDocs"));
        Assert.Equal(["Flip"], build.Ran);
    }

    [Fact]
    public void Missing_parameter_fails_before_any_target_and_names_it()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(2, harness.Run(build, null, "Restore", "Deploy"));
        Assert.Empty(build.Ran);
        Assert.Contains("Target 'Deploy' requires parameter '--environment'", harness.Error.ToString());
    }

    [Fact]
    public void Unmet_condition_requirement_quotes_the_expression()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild { DeployAllowed = false };

        Assert.Equal(2, harness.Run(build, null, "Deploy", "--environment", "staging"));
        Assert.Contains("Target 'Deploy' requires condition 'DeployAllowed'", harness.Error.ToString());
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void An_invalid_parameter_value_fails_before_any_target_naming_the_parameter_once_for_every_target_that_checks_it()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(2, harness.Run(build, null, "Serve", "Probe", "--service-port", "99999"));
        Assert.Empty(build.Ran);
        Assert.Equal(
            "Targets 'Serve', 'Probe' require a valid '--service-port': a port, 1..65535, not 99999.",
            harness.Error.ToString().Trim());
    }

    [Fact]
    public void A_parameter_rule_is_not_applied_to_a_parameter_that_was_not_given_and_passes_a_valid_value()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, null, "Probe"));
        Assert.Equal(0, harness.Run(build, null, "Serve", "--service-port", "8080"));
        Assert.Equal(["Probe", "Restore", "Serve"], build.Ran);
    }

    [Fact]
    public void Requirement_met_from_the_command_line_lets_the_target_run()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, null, "Deploy", "--environment", "staging"));
        Assert.Equal("staging", build.Environment);
        Assert.Equal(["Deploy"], build.Ran);
    }

    [Fact]
    public void Async_actions_are_awaited()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, null, "Async"));
        Assert.Equal(["Async"], build.Ran);
    }

    [Fact]
    public void Unknown_target_exits_two_and_suggests_the_closest()
    {
        using var harness = new BuildHarness();

        Assert.Equal(2, harness.Run(new RecordingBuild(), null, "Tset"));
        Assert.Contains("Did you mean 'Test'?", harness.Error.ToString());
    }

    [Fact]
    public void Unknown_option_exits_two_and_suggests_the_closest()
    {
        using var harness = new BuildHarness();

        Assert.Equal(2, harness.Run(new RecordingBuild(), null, "Test", "--enviroment", "x"));
        Assert.Contains("Did you mean '--environment'?", harness.Error.ToString());
    }

    [Fact]
    public void Help_lists_targets_with_dependencies_the_default_and_parameters()
    {
        using var harness = new BuildHarness();

        Assert.Equal(0, harness.Run(new RecordingBuild(), "Test", "--help"));

        var help = harness.Out.ToString();
        Assert.Matches(@"Test \(default\)\s+-> Compile", help);
        Assert.Matches(@"--environment <string>\s+Where to deploy", help);
    }

    [Fact]
    public void Plan_prints_the_order_and_writes_the_graph_page_without_running_anything()
    {
        using var harness = new BuildHarness();
        var build = new RecordingBuild();

        Assert.Equal(0, harness.Run(build, null, "Test", "--plan"));

        Assert.Empty(build.Ran);
        Assert.Matches(@"1\. Restore[\s\S]*2\. Compile[\s\S]*3\. Test\s+invoked", harness.Out.ToString());
        var page = File.ReadAllText(Path.Combine(harness.Root, ".nuke", "temp", "plan.html"));
        Assert.Contains("<svg", page);
        Assert.Contains(">Compile</text>", page);
    }
}
