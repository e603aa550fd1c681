using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Planning;
using Shipgate.Pipeline.Tests.Execution;

namespace Shipgate.Pipeline.Tests.Components;

/// <summary>Targets declared on interfaces the build implements: discovered, ordered, replaced by the class, run.</summary>
[Collection("static logger")]
public sealed class ComponentTargetTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_build_gets_the_targets_of_the_components_it_implements_base_interfaces_first_then_its_own()
    {
        var names = TargetDiscovery.Discover(new ReleaseBuild()).Select(target => target.Name);

        Assert.Equal(["Up", "Image", "Push", "Deploy", "Stamp", "Test"], names);
    }

    [Fact]
    public void Component_targets_run_with_their_dependencies_and_read_component_parameters()
    {
        var build = new ReleaseBuild();

        Assert.Equal(0, _harness.Run(build, null, "Deploy", "--release-version", "1.4.0", "--target-environment", "staging"));

        Assert.Equal(["Up", "Image", "Push", "Deploy 1.4.0 to staging"], build.Ran);
    }

    [Fact]
    public void Help_lists_component_targets_and_parameters_with_the_class_own()
    {
        Assert.Equal(0, _harness.Run(new ReleaseBuild(), "Test", "--help"));

        var help = _harness.Out.ToString();
        Assert.Matches(@"Up\s+Starts the stack", help);
        Assert.Matches(@"Image\s+-> Up\n", help);
        Assert.Matches(@"Deploy\s+-> Push\n", help);
        Assert.Matches(@"Test \(default\)", help);
        Assert.Matches(@"--release-version <string>\s+Version of the release", help);
        Assert.Matches(@"--target-environment <string>\s+Environment \(default: local\)", help);
    }

    [Fact]
    public void A_missing_component_parameter_names_its_option()
    {
        var build = new ReleaseBuild();

        Assert.Equal(2, _harness.Run(build, null, "Deploy"));

        Assert.Contains("Target 'Image' requires parameter '--release-version'.", _harness.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void A_missing_component_parameter_with_a_name_in_its_attribute_is_named_so()
    {
        Assert.Equal(2, _harness.Run(new ReleaseBuild(), null, "Stamp"));

        Assert.Contains("Target 'Stamp' requires parameter '--build'.", _harness.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_implementation_replaces_the_component_target_under_the_same_name()
    {
        var build = new CustomPushBuild();

        Assert.Equal(["Up", "Image", "Push", "Deploy", "Stamp"], TargetDiscovery.Discover(build).Select(target => target.Name));
        Assert.Equal(0, _harness.Run(build, null, "Deploy", "--release-version", "2.0"));
        Assert.Equal(["Up", "Image", "Push to a mirror", "Deploy 2.0 to local"], build.Ran);
    }

    [Fact]
    public void A_public_class_target_replaces_the_component_target_it_implements()
    {
        var build = new PublicDeployBuild();

        Assert.Equal(0, _harness.Run(build, null, "Deploy", "--release-version", "2.0"));

        Assert.Equal(["Up", "Image", "Push", "Deploy by the class"], build.Ran);
    }

    [Fact]
    public void A_target_one_component_declares_and_another_implements_is_one_target()
    {
        var build = new SmokeBuild();

        Assert.Equal(["Smoke"], TargetDiscovery.Discover(build).Select(target => target.Name));
        Assert.Equal(0, _harness.Run(build, null, "Smoke"));
        Assert.Equal(["Smoke by curl"], build.Ran);
    }

    [Fact]
    public void A_class_target_with_the_name_of_a_component_target_is_an_error_that_shows_the_fix()
    {
        var error = Assert.Throws<PlanningException>(() => TargetDiscovery.Discover(new ShadowingBuild()));

        Assert.Equal(
            "Target 'Deploy' is declared by both IReleaseTargets.Deploy and ShadowingBuild.Deploy; to replace the component's target, implement it explicitly (Target IReleaseTargets.Deploy => ...).",
            error.Message);
    }

    [Fact]
    public void Two_components_with_the_same_target_name_are_an_error_naming_both()
    {
        Assert.Equal(2, _harness.Run(new TwoDeploysBuild(), null, "Deploy"));

        Assert.Contains(
            "Target 'Deploy' is declared by both IReleaseTargets.Deploy and IOtherDeploy.Deploy; implement it once in the build class (public Target Deploy => ...) to say which one runs.",
            _harness.Error.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void One_public_class_target_can_settle_two_components_with_the_same_target_name()
    {
        var build = new TwoDeploysSettledBuild();

        Assert.Equal(0, _harness.Run(build, null, "Deploy", "--release-version", "3.0"));

        Assert.Equal(["Up", "Image", "Push", "Deploy settled"], build.Ran);
    }

    [Fact]
    public void An_overridden_virtual_target_is_one_target_that_runs_the_override()
    {
        var build = new DerivedBuild();

        Assert.Equal(["Compile"], TargetDiscovery.Discover(build).Select(target => target.Name));
        Assert.Equal(0, _harness.Run(build, null, "Compile"));
        Assert.Equal(["derived"], build.Ran);
    }

    [Fact]
    public void A_derived_class_target_hiding_a_base_class_target_is_an_error_that_shows_the_fix()
    {
        var error = Assert.Throws<PlanningException>(() => TargetDiscovery.Discover(new HidingBuild()));

        Assert.Equal(
            "Target 'Test' is declared by both ReleaseBuild.Test and HidingBuild.Test; to replace a base class's target, make it virtual and override it.",
            error.Message);
    }

    private sealed class HidingBuild : ReleaseBuild
    {
        public new Target Test => _ => _.Executes(() => Ran.Add("hidden"));
    }

    private sealed class CustomPushBuild : ShipgateBuild, IReleaseTargets
    {
        public List<string> Ran { get; } = [];

        Target IReleaseTargets.Push => _ => _.DependsOn(((IReleaseTargets)this).Image).Executes(() => Ran.Add("Push to a mirror"));
    }

    private sealed class PublicDeployBuild : ShipgateBuild, IReleaseTargets
    {
        public List<string> Ran { get; } = [];

        public Target Deploy => _ => _.DependsOn(((IReleaseTargets)this).Push).Executes(() => Ran.Add("Deploy by the class"));
    }

    private sealed class SmokeBuild : ShipgateBuild, ISmokeTestByCurl
    {
        public List<string> Ran { get; } = [];
    }

    private sealed class ShadowingBuild : ShipgateBuild, IReleaseTargets
    {
        public List<string> Ran { get; } = [];

        private Target Deploy => _ => _.Executes(() => Ran.Add("shadow"));
    }

    private sealed class TwoDeploysBuild : ShipgateBuild, IReleaseTargets, IOtherDeploy
    {
        public List<string> Ran { get; } = [];
    }

    private sealed class TwoDeploysSettledBuild : ShipgateBuild, IReleaseTargets, IOtherDeploy
    {
        public List<string> Ran { get; } = [];

        public Target Deploy => _ => _.DependsOn(((IReleaseTargets)this).Push).Executes(() => Ran.Add("Deploy settled"));
    }

    private class BaseBuild : ShipgateBuild
    {
        public List<string> Ran { get; } = [];

        public virtual Target Compile => _ => _.Executes(() => Ran.Add("base"));
    }

    private sealed class DerivedBuild : BaseBuild
    {
        public override Target Compile => _ => _.Executes(() => Ran.Add("derived"));
    }
}
