using Shipgate.Core.Text;
using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Tests.Parameters;

public sealed class ParameterInjectorTests : IDisposable
{
    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Command_line_wins_over_environment_and_files()
    {
        _root.WriteParameters(null, """{ "environment": "from-json" }""");
        _root.WriteParameters("prod", """{ "environment": "from-profile" }""");

        var build = Inject(["--environment", "from-cli", "--profile", "prod"], new() { ["ENVIRONMENT"] = "from-env" });

        Assert.Equal("from-cli", build.Environment);
    }

    [Fact]
    public void Environment_wins_over_files()
    {
        _root.WriteParameters(null, """{ "environment": "from-json" }""");
        _root.WriteParameters("prod", """{ "environment": "from-profile" }""");

        var build = Inject(["--profile", "prod"], new() { ["ENVIRONMENT"] = "from-env" });

        Assert.Equal("from-env", build.Environment);
    }

    [Fact]
    public void Later_profile_wins_over_earlier_profile_and_parameters_json()
    {
        _root.WriteParameters(null, """{ "environment": "from-json", "FaultErrorRate": 0.1, "retries": 1 }""");
        _root.WriteParameters("a", """{ "environment": "from-a", "fault-error-rate": 0.2 }""");
        _root.WriteParameters("b", """{ "environment": "from-b" }""");

        var build = Inject(["--profile", "a", "b"]);

        Assert.Equal("from-b", build.Environment);
        Assert.Equal(0.2, build.FaultErrorRate);
        Assert.Equal(1, build.Retries);
    }

    [Fact]
    public void Repeated_profile_options_apply_in_order()
    {
        _root.WriteParameters("a", """{ "environment": "from-a" }""");
        _root.WriteParameters("b", """{ "environment": "from-b" }""");

        Assert.Equal("from-a", Inject(["--profile", "b", "--profile", "a"]).Environment);
    }

    [Fact]
    public void Unset_parameters_keep_their_defaults()
    {
        var build = Inject([]);

        Assert.Equal(3, build.Retries);
        Assert.Null(build.Environment);
    }

    [Fact]
    public void Missing_profile_file_is_an_error_naming_the_file()
    {
        var error = Assert.Throws<ParameterException>(() => Inject(["--profile", "staging"]));

        Assert.Contains("parameters.staging.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_option_without_a_name_is_an_error()
    {
        var error = Assert.Throws<ParameterException>(() => Inject(["--profile"]));

        Assert.Contains("--profile needs a name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FaultErrorRate")]
    [InlineData("fault-error-rate")]
    [InlineData("FAULT_ERROR_RATE")]
    [InlineData("fault_error_rate")]
    [InlineData("SHIPGATE_FAULT_ERROR_RATE")]
    [InlineData("Shipgate_FaultErrorRate")]
    public void Environment_names_match_by_letters_and_digits_with_or_without_prefix(string variable)
    {
        var build = Inject([], new() { [variable] = "0.25" });

        Assert.Equal(0.25, build.FaultErrorRate);
    }

    [Fact]
    public void Exact_environment_name_wins_then_prefixed_then_plain()
    {
        Assert.Equal(0.1, Inject([], new() { ["FaultErrorRate"] = "0.1", ["SHIPGATE_FAULT_ERROR_RATE"] = "0.2", ["FAULT_ERROR_RATE"] = "0.3" }).FaultErrorRate);
        Assert.Equal(0.2, Inject([], new() { ["SHIPGATE_FAULT_ERROR_RATE"] = "0.2", ["FAULT_ERROR_RATE"] = "0.3" }).FaultErrorRate);
    }

    [Fact]
    public void Empty_environment_variable_counts_as_unset()
    {
        _root.WriteParameters(null, """{ "environment": "from-json" }""");

        Assert.Equal("from-json", Inject([], new() { ["ENVIRONMENT"] = "" }).Environment);
    }

    [Fact]
    public void Option_names_are_compared_by_letters_and_digits()
    {
        var build = Inject(["--Fault-Error-Rate=0.5", "--RETRIES", "7"]);

        Assert.Equal(0.5, build.FaultErrorRate);
        Assert.Equal(7, build.Retries);
    }

    [Fact]
    public void Name_override_is_used_on_the_command_line_and_member_name_in_files()
    {
        Assert.Equal("cli", Inject(["--registry", "cli"]).ImageRegistry);

        _root.WriteParameters(null, """{ "ImageRegistry": "json" }""");
        Assert.Equal("json", Inject([]).ImageRegistry);
    }

    [Fact]
    public void Sources_record_where_each_value_came_from()
    {
        var path = _root.WriteParameters(null, """{ "retries": 5 }""");
        var build = new SampleBuild();

        var result = Injector(["--environment", "x"], new() { ["FAULT_ERROR_RATE"] = "0.1" }).Inject(build);

        Assert.Equal("command line", result.Sources["environment"]);
        Assert.Equal("environment variable FAULT_ERROR_RATE", result.Sources["fault-error-rate"]);
        Assert.Equal(path, result.Sources["retries"]);
        Assert.False(result.Sources.ContainsKey("verbose-logs"));
    }

    [Fact]
    public void Unknown_options_are_returned_but_built_ins_are_not()
    {
        var injector = new ParameterInjector(_root.Path, ArgumentList.Parse(["Deploy", "--target", "x", "--envirnoment", "prod", "--help", "--profile", "p"]), new Dictionary<string, string>())
        {
            BuiltInOptions = ["target", "help", "skip"],
        };
        _root.WriteParameters("p", "{}");

        var result = injector.Inject(new SampleBuild());

        Assert.Equal(["envirnoment"], result.UnknownOptions);
        Assert.Equal("environment", Suggestions.Closest(result.UnknownOptions[0], ParameterDiscovery.Discover(typeof(SampleBuild)).Select(p => p.Name)));
    }

    [Fact]
    public void Unknown_keys_in_files_are_warnings_with_suggestions()
    {
        var path = _root.WriteParameters(null, """{ "$schema": "./build.schema.json", "enviroment": "x" }""");

        var result = Injector([]).Inject(new SampleBuild());

        var warning = Assert.Single(result.Warnings);
        Assert.Contains(path, warning, StringComparison.Ordinal);
        Assert.Contains("did you mean 'environment'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_file_line_and_column()
    {
        var path = _root.WriteParameters(null, "{\n  \"environment\": \"x\",\n  \"retries\": ,\n}");

        var error = Assert.Throws<ParameterException>(() => Inject([]));

        Assert.StartsWith($"{path}(3,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_objects_are_not_values()
    {
        var path = _root.WriteParameters(null, """{ "environment": { "name": "x" } }""");

        var error = Assert.Throws<ParameterException>(() => Inject([]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'environment'", error.Message, StringComparison.Ordinal);
    }

    private SampleBuild Inject(string[] args, Dictionary<string, string>? environment = null)
    {
        var build = new SampleBuild();
        Injector(args, environment).Inject(build);
        return build;
    }

    private ParameterInjector Injector(string[] args, Dictionary<string, string>? environment = null) =>
        new(_root.Path, ArgumentList.Parse(args), environment ?? []);

#pragma warning disable CS0649 // assigned by reflection
    private sealed class SampleBuild
    {
        [Parameter("Where to deploy")] public string? Environment;
        [Parameter] public double FaultErrorRate;
        [Parameter] public int Retries = 3;
        [Parameter] public bool VerboseLogs;
        [Parameter(Name = "registry")] public string? ImageRegistry;
    }
#pragma warning restore CS0649
}
