using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Secrets;
using Shipgate.Pipeline.Tests.Execution;
using Shipgate.Pipeline.Tests.Parameters;

namespace Shipgate.Pipeline.Tests.Components;

/// <summary>Parameters declared on interfaces the build implements: discovered, injected from every source, read with TryGetValue.</summary>
public sealed class ComponentParameterTests : IDisposable
{
    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Interface_parameters_come_first_base_interfaces_before_the_class_in_declaration_order()
    {
        var names = ParameterDiscovery.Discover(typeof(ParameterComponentBuild)).Select(p => p.Name);

        Assert.Equal(
            ["release-version", "target-environment", "registry-password", "build", "service-port", "dry-run", "rollout", "thresholds", "wait-timeout", "prometheus-url", "load-rate", "configuration"],
            names);
    }

    [Fact]
    public void An_interface_parameter_nobody_sets_is_its_getter_default()
    {
        var build = Inject([]);

        Assert.Null(build.Settings.ReleaseVersion);
        Assert.Equal("local", build.Settings.TargetEnvironment);
        Assert.Equal(8080, build.Tuning.ServicePort);
    }

    [Fact]
    public void An_interface_parameter_takes_its_value_from_the_command_line()
    {
        var build = Inject(["--release-version", "1.2.3", "--target-environment", "production", "--build", "77"]);

        Assert.Equal("1.2.3", build.Settings.ReleaseVersion);
        Assert.Equal("production", build.Settings.TargetEnvironment);
        Assert.Equal("77", build.Settings.BuildNumber);
    }

    [Fact]
    public void An_interface_parameter_takes_its_value_from_the_environment()
    {
        var build = Inject([], new() { ["SHIPGATE_RELEASE_VERSION"] = "from-env", ["TargetEnvironment"] = "staging" });

        Assert.Equal("from-env", build.Settings.ReleaseVersion);
        Assert.Equal("staging", build.Settings.TargetEnvironment);
    }

    [Fact]
    public void An_interface_parameter_takes_its_value_from_a_profile_before_parameters_json()
    {
        _root.WriteParameters(null, """{ "release-version": "from-json", "TargetEnvironment": "from-json" }""");
        _root.WriteParameters("prod", """{ "target-environment": "production" }""");

        var build = Inject(["--profile", "prod"]);

        Assert.Equal("from-json", build.Settings.ReleaseVersion);
        Assert.Equal("production", build.Settings.TargetEnvironment);
    }

    [Fact]
    public void An_encrypted_interface_parameter_is_decrypted_and_masked()
    {
        const string password = "correct horse battery staple";
        SecretsCommand.Run(_root.Path, null, ["registry-password"], password, new StringReader("registry-secret-4711\n"), TextWriter.Null);
        var build = new ParameterComponentBuild();

        var result = new ParameterInjector(_root.Path, ArgumentList.Parse([]), new Dictionary<string, string> { [SecretEncryption.PasswordVariable] = password })
            .Inject(build);

        Assert.Equal("registry-secret-4711", build.Settings.RegistryPassword);
        Assert.Contains("registry-secret-4711", result.SecretValues);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_secret_interface_parameter_from_the_environment_is_registered_for_masking()
    {
        var build = new ParameterComponentBuild();

        var result = new ParameterInjector(_root.Path, ArgumentList.Parse([]), new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "registry-secret-0815" })
            .Inject(build);

        Assert.Equal(["registry-secret-0815"], result.SecretValues);
    }

    [Fact]
    public void Value_type_interface_parameters_convert_like_any_parameter()
    {
        var build = Inject(
            ["--service-port", "9100", "--dry-run", "--rollout", "blue-green", "--thresholds", "0.1", "0.2", "--wait-timeout", "1m30s", "--prometheus-url", "http://127.0.0.1:9091"]);

        Assert.Equal(9100, build.Tuning.ServicePort);
        Assert.True(build.Tuning.DryRun);
        Assert.Equal(RolloutKind.BlueGreen, build.Tuning.Rollout);
        Assert.Equal([0.1, 0.2], build.Tuning.Thresholds);
        Assert.Equal(TimeSpan.FromSeconds(90), build.Tuning.WaitTimeout);
        Assert.Equal(new Uri("http://127.0.0.1:9091"), build.Tuning.PrometheusUrl);
    }

    [Fact]
    public void Value_type_interface_parameters_keep_their_defaults_when_unset()
    {
        var build = Inject([]);

        Assert.False(build.Tuning.DryRun);
        Assert.Equal(RolloutKind.Recreate, build.Tuning.Rollout);
        Assert.Equal([0.5], build.Tuning.Thresholds);
        Assert.Equal(TimeSpan.FromSeconds(30), build.Tuning.WaitTimeout);
        Assert.Null(build.Tuning.PrometheusUrl);
    }

    [Fact]
    public void Help_lists_interface_parameters_with_their_getter_defaults_and_hides_secrets()
    {
        using var harness = new BuildHarness();

        Assert.Equal(0, harness.Run(new ParameterComponentBuild(), null, "--help"));

        var help = harness.Out.ToString();
        Assert.Matches(@"--release-version <string>\s+Version of the release\n", help);
        Assert.Matches(@"--target-environment <string>\s+Environment \(default: local\)", help);
        Assert.Matches(@"--registry-password <string>\s+Password of the registry \(secret\)\n", help);
        Assert.Matches(@"--service-port <int32>\s+Port the service listens on \(default: 8080\)", help);
        Assert.Matches(@"--dry-run <boolean>\s+Only print what would change\n", help);
        Assert.Matches(@"--rollout <Recreate\|BlueGreen>\s+How versions change over \(default: recreate\)", help);
        Assert.Matches(@"--thresholds <double...>\s+Error-rate thresholds \(default: 0.5\)", help);
        Assert.Matches(@"--wait-timeout <timespan>\s+How long to wait for health \(default: 00:00:30\)", help);
        Assert.Matches(@"--configuration <string>\s+Build configuration \(default: Debug\)", help);
        Assert.Matches(@"--load-rate <double>\s+Requests per second \(default: the service's\)\n", help);
    }

    [Fact]
    public void A_bad_value_for_an_interface_parameter_names_it_and_its_source()
    {
        var error = Assert.Throws<ParameterException>(() => Inject([], new() { ["SERVICE_PORT"] = "eighty" }));

        Assert.Equal("Parameter 'service-port' from environment variable SERVICE_PORT: value 'eighty' is not valid: expected a whole number from -2147483648 to 2147483647.", error.Message);
    }

    [Fact]
    public void TryGetValue_returns_what_was_injected_for_a_class_field_and_default_otherwise()
    {
        var build = Inject(["--configuration", "Release"]);

        Assert.Equal("Release", build.TryGetValue(() => build.Configuration));
        Assert.Null(Inject([]).TryGetValue(() => build.Configuration));
    }

    [Fact]
    public void TryGetValue_needs_the_parameter_itself_not_an_expression_over_it()
    {
        var build = Inject([]);

        var error = Assert.Throws<ArgumentException>(() => build.TryGetValue(() => build.Configuration + "x"));

        Assert.StartsWith("TryGetValue needs the parameter itself, such as () => ReleaseVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_parameter_with_an_interface_parameters_name_is_an_error_naming_both()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(ClassClashBuild)));

        Assert.Equal("Parameters IDeploySettings.TargetEnvironment and ClassClashBuild.Environment share the name '--target-environment'.", error.Message);
    }

    [Fact]
    public void Two_interfaces_with_the_same_parameter_name_are_an_error_naming_both()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(InterfaceClashBuild)));

        Assert.Equal("Parameters IDeploySettings.TargetEnvironment and IOtherEnvironment.TargetEnvironment share the name '--target-environment'.", error.Message);
    }

    [Fact]
    public void An_interface_parameter_without_a_default_implementation_is_an_error_that_shows_the_fix()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(AbstractParameterBuild)));

        Assert.Equal(
            "Parameter IAbstractParameter.Region has no default implementation; write it as Region => TryGetValue(() => Region) so the interface reads the injected value.",
            error.Message);
    }

    [Fact]
    public void An_interface_parameter_on_a_class_that_is_not_a_build_is_an_error()
    {
        var error = Assert.Throws<ParameterException>(() => ParameterDiscovery.Discover(typeof(NotABuild)));

        Assert.Equal("Parameter IVersioned.ReleaseVersion is declared on an interface; only a ShipgateBuild can hold its value, and NotABuild is not one.", error.Message);
    }

    private ParameterComponentBuild Inject(string[] args, Dictionary<string, string>? environment = null)
    {
        var build = new ParameterComponentBuild();
        new ParameterInjector(_root.Path, ArgumentList.Parse(args), environment ?? []).Inject(build);
        return build;
    }

    private sealed class ClassClashBuild : ShipgateBuild, IDeploySettings
    {
        [Parameter("Environment", Name = "TargetEnvironment")]
        public string? Environment { get; set; }
    }

    private sealed class InterfaceClashBuild : ShipgateBuild, IDeploySettings, IOtherEnvironment;

    private interface IAbstractParameter : IShipgateBuild
    {
        [Parameter("Region")]
        string Region { get; }
    }

    private sealed class AbstractParameterBuild : ShipgateBuild, IAbstractParameter
    {
        public string Region => "eu";
    }

    private sealed class NotABuild : IVersioned
    {
        public string RootDirectory => "/";

        public Pipeline.Hosts.IBuildHost Host => new Pipeline.Hosts.TerminalHost();

        public Pipeline.Tooling.ProcessRunner Tools => null!;

        public Core.Secrets.SecretMasker Secrets { get; } = new();

        public IReadOnlyList<Pipeline.Approvals.Approval> Approvals => [];

        public IReadOnlyList<string> InvokedTargets => [];

        public IReadOnlyList<string> ScheduledTargets => [];

        public bool IsLocalBuild => true;

        public T? TryGetValue<T>(System.Linq.Expressions.Expression<Func<T>> parameter) => default;
    }
}
