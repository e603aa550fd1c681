using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Tests.Execution;

namespace Shipgate.Pipeline.Tests.Components;

/// <summary>Relations to a component's targets by interface: <c>DependsOn&lt;T&gt;(x =&gt; x.Up)</c> and the five others.</summary>
[Collection("static logger")]
public sealed class ComponentRelationTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_class_target_DependentFor_a_component_target_runs_before_it()
    {
        var build = new TestedReleaseBuild();

        Assert.Equal(0, _harness.Run(build, null, "Push", "--release-version", "1.0"));

        Assert.Equal(["Up", "Test", "Image", "Push"], build.Ran);
    }

    [Fact]
    public void A_class_target_DependsOn_a_component_target_pulls_it_in_first()
    {
        var build = new TestedReleaseBuild();

        Assert.Equal(0, _harness.Run(build, null, "Smoke", "--skip", "Test"));

        Assert.Equal(["Up", "Smoke"], build.Ran);
    }

    [Fact]
    public void Each_generic_relation_reaches_the_planner_like_its_plain_form()
    {
        var nodes = TargetDiscovery.Discover(new VerifiedReleaseBuild()).ToDictionary(target => target.Name, target => target.Node);

        Assert.Equal(["Up"], nodes["Verify"].DependsOn);
        Assert.Equal(["Verify"], nodes["Deploy"].Triggers);
        Assert.Equal(["Verify"], nodes["Report"].After);
        Assert.Equal(["Report"], nodes["Stamp"].After);
        Assert.Equal(["Report"], nodes["Announce"].Triggers);
        Assert.Equal(["Image", "Announce"], nodes["Push"].DependsOn);
    }

    [Fact]
    public void Component_targets_related_by_interface_run_in_order()
    {
        var build = new VerifiedReleaseBuild();

        Assert.Equal(0, _harness.Run(build, null, "Deploy", "--release-version", "1.0"));

        Assert.Equal(["Up", "Image", "Announce", "Push", "Deploy 1.0 to local", "Verify", "Report"], build.Ran);
    }

    [Fact]
    public void A_relation_to_a_component_the_build_does_not_implement_is_a_planning_error_naming_the_target_and_the_component()
    {
        Assert.Equal(2, _harness.Run(new LonelyBuild(), null, "Test"));

        Assert.Equal(
            "Target 'Test' refers to targets of IReleaseTargets, which the build LonelyBuild does not implement.",
            _harness.Error.ToString().Trim());
    }

    private sealed class TestedReleaseBuild : ShipgateBuild, IReleaseTargets
    {
        public List<string> Ran { get; } = [];

        public Target Test => _ => _.DependentFor<IReleaseTargets>(x => x.Image).Executes(() => Ran.Add(nameof(Test)));

        public Target Smoke => _ => _.DependsOn<IStackTargets>(x => x.Up).Executes(() => Ran.Add(nameof(Smoke)));
    }

    private sealed class VerifiedReleaseBuild : ShipgateBuild, IReleaseTargets, IVerifyTargets
    {
        public List<string> Ran { get; } = [];
    }

    private sealed class LonelyBuild : ShipgateBuild
    {
        public Target Test => _ => _.DependsOn<IReleaseTargets>(x => x.Image);
    }
}
