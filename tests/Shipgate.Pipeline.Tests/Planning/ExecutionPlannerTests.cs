using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Tests.Planning;

public class ExecutionPlannerTests
{
    private static TargetNode Node(string name, string[]? dependsOn = null, string[]? after = null, string[]? triggers = null,
        DependencyBehavior skipped = DependencyBehavior.Execute) =>
        new(name, dependsOn ?? [], after ?? [], triggers ?? [], skipped);

    private static List<string> Order(IReadOnlyList<TargetNode> targets, params string[] invoked) =>
        ExecutionPlanner.Plan(targets, new PlanRequest(invoked, null)).Names.ToList();

    [Fact]
    public void DependsOn_pulls_dependencies_in_and_runs_them_first()
    {
        var targets = new[] { Node("Test", dependsOn: ["Compile"]), Node("Compile", dependsOn: ["Restore"]), Node("Restore"), Node("Pack") };

        Assert.Equal(["Restore", "Compile", "Test"], Order(targets, "Test"));
    }

    [Fact]
    public void Independent_targets_keep_declaration_order()
    {
        var targets = new[] { Node("B"), Node("A"), Node("C"), Node("All", dependsOn: ["C", "A", "B"]) };

        Assert.Equal(["B", "A", "C", "All"], Order(targets, "All"));
    }

    [Fact]
    public void After_orders_but_never_pulls_in()
    {
        var targets = new[] { Node("Publish", after: ["Test"]), Node("Test") };

        Assert.Equal(["Publish"], Order(targets, "Publish"));
        Assert.Equal(["Test", "Publish"], Order(targets, "Publish", "Test"));
    }

    [Fact]
    public void Triggers_pull_in_and_run_afterwards()
    {
        var targets = new[] { Node("Notify"), Node("Deploy", triggers: ["Notify"]) };

        Assert.Equal(["Deploy", "Notify"], Order(targets, "Deploy"));
    }

    [Fact]
    public void Every_cycle_is_reported_with_its_members()
    {
        var targets = new[]
        {
            Node("A", dependsOn: ["B"]), Node("B", dependsOn: ["A"]),
            Node("C", after: ["E"]), Node("D", dependsOn: ["C"], triggers: ["E"]), Node("E"),
            Node("F", dependsOn: ["F"]), Node("Fine"),
        };

        var error = Assert.Throws<PlanningException>(() => Order(targets, "Fine"));

        Assert.Contains("A <-> B", error.Message);
        Assert.Contains("C <-> D <-> E", error.Message);
        Assert.Contains("F", error.Message);
        Assert.Equal([["A", "B"], ["C", "D", "E"], ["F"]], ExecutionPlanner.FindCycles(targets));
    }

    [Fact]
    public void Unknown_target_is_rejected_with_the_closest_name()
    {
        var targets = new[] { Node("Test"), Node("Compile") };

        var error = Assert.Throws<PlanningException>(() => Order(targets, "Tset"));

        Assert.Contains("Unknown target 'Tset'. Did you mean 'Test'?", error.Message);
    }

    [Theory]
    [InlineData("test")]
    [InlineData("TEST")]
    [InlineData("te-st")]
    public void Names_match_ignoring_case_and_dashes(string typed)
    {
        Assert.Equal(["Test"], Order([Node("Test")], typed));
    }

    [Fact]
    public void Default_target_runs_when_none_is_invoked()
    {
        var plan = ExecutionPlanner.Plan([Node("Compile"), Node("Test", dependsOn: ["Compile"])], new PlanRequest([], "Test"));

        Assert.Equal(["Compile", "Test"], plan.Names);
        Assert.True(plan.Steps[1].Invoked);
        Assert.False(plan.Steps[0].Invoked);
    }

    [Fact]
    public void Skip_without_names_skips_every_target_not_invoked()
    {
        var plan = ExecutionPlanner.Plan([Node("Compile"), Node("Test", dependsOn: ["Compile"])], new PlanRequest(["Test"], null, SkipAllNonInvoked: true));

        Assert.Equal("--skip (not invoked)", plan.Steps[0].SkipReason);
        Assert.Null(plan.Steps[1].SkipReason);
    }

    [Fact]
    public void Skip_with_names_skips_only_those_and_rejects_unknown_ones()
    {
        var targets = new[] { Node("Restore"), Node("Compile", dependsOn: ["Restore"]), Node("Test", dependsOn: ["Compile"]) };

        var plan = ExecutionPlanner.Plan(targets, new PlanRequest(["Test"], null, Skip: ["restore"]));

        Assert.Equal(["--skip", null, null], plan.Steps.Select(s => s.SkipReason));
        Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, new PlanRequest(["Test"], null, Skip: ["Restor3x"])));
    }

    [Fact]
    public void Static_skip_with_skip_behaviour_also_skips_dependencies_nothing_else_needs()
    {
        var targets = new[]
        {
            Node("Shared"), Node("OnlyForDocs"),
            Node("Docs", dependsOn: ["OnlyForDocs", "Shared"], skipped: DependencyBehavior.Skip),
            Node("Test", dependsOn: ["Shared"]),
            Node("All", dependsOn: ["Docs", "Test"]),
        };
        var plan = ExecutionPlanner.Plan(targets, new PlanRequest(["All"], null));

        var skipped = ExecutionPlanner.SkipStatically(plan, targets, new Dictionary<string, string> { ["Docs"] = "HasDocs" });

        var reasons = skipped.Steps.ToDictionary(s => s.Name, s => s.SkipReason);
        Assert.Equal("condition 'HasDocs' is false", reasons["Docs"]);
        Assert.Equal("only needed by skipped Docs", reasons["OnlyForDocs"]);
        Assert.Null(reasons["Shared"]);
        Assert.Null(reasons["Test"]);
    }

    [Fact]
    public void Static_skip_with_default_behaviour_keeps_dependencies()
    {
        var targets = new[] { Node("Dep"), Node("Docs", dependsOn: ["Dep"]) };
        var plan = ExecutionPlanner.Plan(targets, new PlanRequest(["Docs"], null));

        var skipped = ExecutionPlanner.SkipStatically(plan, targets, new Dictionary<string, string> { ["Docs"] = "false" });

        Assert.Null(skipped.Steps[0].SkipReason);
        Assert.NotNull(skipped.Steps[1].SkipReason);
    }

    [Fact]
    public void Relation_to_an_unknown_target_names_both()
    {
        var error = Assert.Throws<PlanningException>(() => Order([Node("Test", dependsOn: ["Ghost"])], "Test"));

        Assert.Contains("Target 'Test' refers to 'Ghost'", error.Message);
    }

    [Fact]
    public void Skip_on_the_command_line_spreads_to_dependencies_of_a_skip_behaviour_target()
    {
        var targets = new[]
        {
            Node("Compile"), Node("Test", dependsOn: ["Compile"], skipped: DependencyBehavior.Skip),
            Node("Image", dependsOn: ["Test"]),
        };
        var plan = ExecutionPlanner.Plan(targets, new PlanRequest(["Image"], null, Skip: ["Test"]));

        var skipped = ExecutionPlanner.SkipStatically(plan, targets, new Dictionary<string, string>());

        Assert.Equal(["only needed by skipped Test", "--skip", null], skipped.Steps.Select(s => s.SkipReason));
    }
}
