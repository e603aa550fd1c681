using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Tests.Parameters;

public sealed class ParameterDiscoveryTests
{
    [Fact]
    public void Discovers_fields_and_properties_in_declaration_order_base_first()
    {
        var names = ParameterDiscovery.Discover(typeof(DerivedBuild)).Select(p => p.Name);

        Assert.Equal(["root-setting", "zeta", "alpha", "middle-property", "api-token", "renamed", "derived-only"], names);
    }

    [Fact]
    public void Describes_types_secrets_and_overrides()
    {
        var parameters = ParameterDiscovery.Discover(typeof(DerivedBuild)).ToDictionary(p => p.Name);

        Assert.True(parameters["api-token"].IsSecret);
        Assert.False(parameters["zeta"].IsSecret);
        Assert.Equal("The token", parameters["api-token"].Description);
        Assert.Equal("Original", parameters["renamed"].MemberName);
        Assert.True(parameters["derived-only"].IsArray);
        Assert.Equal(typeof(int), parameters["derived-only"].ValueType);
        Assert.Equal(typeof(double?), parameters["alpha"].ElementType);
        Assert.Equal(typeof(double), parameters["alpha"].ValueType);
        Assert.True(parameters["zeta"].IsFlag);
    }

    [Fact]
    public void Get_only_auto_properties_and_readonly_fields_can_be_set()
    {
        var build = new DerivedBuild();
        var parameters = ParameterDiscovery.Discover(typeof(DerivedBuild)).ToDictionary(p => p.Name);

        parameters["middle-property"].SetValue(build, "set");
        parameters["root-setting"].SetValue(build, "root");

        Assert.Equal("set", build.MiddleProperty);
        Assert.Equal("root", parameters["root-setting"].GetValue(build));
    }

    [Fact]
    public void Unsupported_type_is_an_error_naming_the_member()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(UnsupportedBuild)));

        Assert.Contains("UnsupportedBuild.Pairs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_members_with_the_same_name_are_an_error()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(ClashingBuild)));

        Assert.Contains("--fault-rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Computed_properties_are_rejected()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(ComputedBuild)));

        Assert.Contains("ComputedBuild.Computed", error.Message, StringComparison.Ordinal);
    }

#pragma warning disable CS0649, CS0169, CA1823, IDE0044, IDE0051 // assigned by reflection
    private class RootBuild
    {
        [Parameter] private readonly string? _rootSetting;
    }

    private class MiddleBuild : RootBuild
    {
        [Parameter("Z first")] public bool Zeta;
        [Parameter] public double? Alpha;
        [Parameter] public string? MiddleProperty { get; }
        [Parameter("The token"), Secret] public string? ApiToken { get; set; }
        public string? NotAParameter { get; set; }
    }

    private sealed class DerivedBuild : MiddleBuild
    {
        [Parameter(Name = "renamed")] internal string? Original;
        [Parameter] private int[] DerivedOnly { get; set; } = [];
    }

    private sealed class UnsupportedBuild
    {
        [Parameter] public Dictionary<string, string>? Pairs;
    }

    private sealed class ClashingBuild
    {
        [Parameter] public double FaultRate;
        [Parameter] public double Fault_Rate;
    }

    private sealed class ComputedBuild
    {
        [Parameter] public string Computed => "x";
    }
#pragma warning restore CS0649, CS0169, CA1823, IDE0044, IDE0051
}
