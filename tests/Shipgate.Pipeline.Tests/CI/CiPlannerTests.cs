using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.CI;

namespace Shipgate.Pipeline.Tests.CI;

public class CiPlannerTests
{
    private static readonly IReadOnlyList<ApprovalRequirement> None = [];

    private static Dictionary<string, IReadOnlyList<ApprovalRequirement>> Targets(params string[] names) =>
        names.ToDictionary(name => name, _ => None);

    [Fact]
    public void Stages_without_needs_follow_the_previous_stage()
    {
        var plan = CiPlanner.Plan(
            CiPipeline.Named("ci").Stage("lint", s => s.Runs("Lint")).Stage("test", s => s.Runs("Test")).Stage("pack", s => s.Runs("Pack").Needs("lint")),
            Targets("Lint", "Test", "Pack"));

        Assert.Empty(plan.Job("lint").Needs);
        Assert.Equal(["lint"], plan.Job("test").Needs);
        Assert.Equal(["lint"], plan.Job("pack").Needs);
    }

    [Fact]
    public void Unknown_target_names_the_stage_and_suggests_the_closest_target()
    {
        var error = Assert.Throws<CiDeclarationException>(() =>
            CiPlanner.Plan(CiPipeline.Named("ci").Stage("test", s => s.Runs("Tset")), Targets("Test", "Lint")));

        Assert.Equal("Pipeline 'ci', stage 'test': unknown target 'Tset'. Did you mean 'Test'?", error.Message);
    }

    [Fact]
    public void Target_names_match_as_on_the_command_line()
    {
        var plan = CiPlanner.Plan(CiPipeline.Named("ci").Stage("test", s => s.Runs("run-tests")), Targets("RunTests"));

        Assert.Equal(["run-tests"], plan.Job("test").Stage.Targets);
    }

    [Fact]
    public void A_need_must_be_an_earlier_stage()
    {
        var error = Assert.Throws<CiDeclarationException>(() => CiPlanner.Plan(
            CiPipeline.Named("ci").Stage("lint", s => s.Runs("Lint").Needs("test")).Stage("test", s => s.Runs("Test")),
            Targets("Lint", "Test")));

        Assert.Contains("stage 'lint' needs 'test', which is not a stage declared before it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deploy_stage_is_gated_by_the_approvals_of_its_targets_for_that_environment_only()
    {
        var plan = new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline);

        Assert.Null(plan.Job("staging").Approval);
        var gate = Assert.IsType<CiApproval>(plan.Job("production").Approval);
        Assert.Equal("production", gate.Environment);
        Assert.Equal(["alice", "release-managers"], gate.Approvers);
        Assert.Equal(["Deploy"], gate.Targets);
    }

    [Fact]
    public void An_unconditional_approval_outside_its_environment_is_rejected()
    {
        var targets = new Dictionary<string, IReadOnlyList<ApprovalRequirement>>
        {
            ["Promote"] = [new ApprovalRequirement("production", ["alice"])],
        };

        var error = Assert.Throws<CiDeclarationException>(() =>
            CiPlanner.Plan(CiPipeline.Named("ci").Stage("promote", s => s.Runs("Promote")), targets));

        Assert.Contains("always requires approval for 'production'", error.Message, StringComparison.Ordinal);
        Assert.Contains(".Deploys(\"production\")", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lint")]
    [InlineData("with space")]
    [InlineData("")]
    [InlineData("image")]
    [InlineData("variables")]
    public void Stage_ids_must_be_valid_in_every_system(string id)
    {
        var error = Assert.Throws<CiDeclarationException>(() => CiPipeline.Named("ci").Stage(id, s => s.Runs("Lint")));

        Assert.StartsWith($"Invalid stage id '{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_must_be_environment_variable_names()
    {
        var error = Assert.Throws<CiDeclarationException>(() => CiPipeline.Named("ci").Stage("x", s => s.Secrets("registry-password")));

        Assert.Contains("Invalid variable name 'registry-password'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deploy_downloads_the_artifacts_of_every_stage_upstream_not_only_of_its_direct_need()
    {
        var plan = new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline);

        Assert.Equal(["staging"], plan.Job("production").Needs);
        Assert.Equal([new CiArtifact("build-image", "artifacts/image")], plan.Job("production").Downloads);
        Assert.Equal(["build-image", "staging"], plan.Job("production").WaitsFor(plan));
    }

    [Fact]
    public void Jobs_skip_what_upstream_stages_declared_and_what_only_those_pulled_in_but_rerun_what_prepares_the_runner()
    {
        var plan = new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline);

        Assert.Empty(plan.Job("test").Skips); // Compile needs Restore here: lint's restore does not travel
        Assert.Equal(["Restore", "Compile", "Lint", "Test"], plan.Job("build-image").Skips);
        Assert.Equal(["Up", "Image", "Push"], plan.Job("build-image").Runs);
        Assert.Equal(["Up", "Deploy", "Verify", "ReleaseSummary"], plan.Job("staging").Runs);
        Assert.Equal(["Up", "Deploy", "Verify", "ReleaseSummary"], plan.Job("production").Runs);
        Assert.Equal(["Up", "Image", "Push", "Deploy", "Verify", "ReleaseSummary"], plan.Job("rehearsal").Runs);
    }

    [Fact]
    public void Stages_with_secrets_run_only_on_the_deploy_branch_and_the_rehearsal_only_for_pull_requests()
    {
        var plan = new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline);

        Assert.Equal(CiTrigger.Always, plan.Job("test").Trigger);
        Assert.Equal(CiTrigger.DeployBranch, plan.Job("build-image").Trigger);
        Assert.Equal(CiTrigger.PullRequests, plan.Job("rehearsal").Trigger);
        Assert.Equal(CiTrigger.Manual, plan.Job("rollback-production").Trigger);
    }

    [Fact]
    public void A_stage_cannot_need_one_that_does_not_run_whenever_it_does()
    {
        var error = Assert.Throws<CiDeclarationException>(() => new SampleReleaseBuild().Let(CiPipeline.Named("ci")
            .Stage("rehearsal", s => s.Runs("Deploy").ForPullRequestsOnly())
            .Stage("build", s => s.Runs("Image"))));

        Assert.Contains("stage 'build' (Always) needs 'rehearsal', which runs only for pull requests", error.Message, StringComparison.Ordinal);
    }
}

internal static class SampleBuildExtensions
{
    /// <summary>Plans a pipeline against a build's real target definitions, as GenerateCi does.</summary>
    public static CiPlan Let(this ShipgateBuild build, CiPipeline pipeline)
    {
        return CiPlanner.Plan(pipeline, CiFiles.Targets(build));
    }
}
