using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Tests.Parameters;

public sealed class ParameterConversionTests : IDisposable
{
    private readonly TemporaryRoot _root = new();

    public enum DeployStrategy
    {
        Recreate,
        RollingUpdate,
        BlueGreen,
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("NO", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Bool_accepts_words_and_digits(string text, bool expected) =>
        Assert.Equal(expected, Cli("--flag", text).Flag);

    [Fact]
    public void Bool_flag_without_value_is_true()
    {
        Assert.True(Cli("--flag").Flag);
        Assert.True(Cli("--nullable-flag").NullableFlag);
    }

    [Fact]
    public void Integers_and_doubles_use_invariant_culture()
    {
        var build = Cli("--count", "-42", "--big", "9000000000", "--ratio", "0.125", "--money", "12.50");

        Assert.Equal(-42, build.Count);
        Assert.Equal(9_000_000_000L, build.Big);
        Assert.Equal(0.125, build.FaultRatio);
        Assert.Equal(12.50m, build.Money);
    }

    [Fact]
    public void Smaller_and_unsigned_integers_and_floats()
    {
        var build = Cli("--small", "-7", "--unsigned", "4000000000", "--huge", "18000000000000000000", "--single", "2.5");

        Assert.Equal((short)-7, build.Small);
        Assert.Equal(4_000_000_000u, build.Unsigned);
        Assert.Equal(18_000_000_000_000_000_000ul, build.Huge);
        Assert.Equal(2.5f, build.Single);
        Assert.Contains("from 0 to 4294967295", Assert.Throws<ParameterException>(() => Cli("--unsigned", "-1")).Message, StringComparison.Ordinal);
        Assert.Contains("from -32768 to 32767", Assert.Throws<ParameterException>(() => Cli("--small", "40000")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptors_describe_their_values_for_help()
    {
        var parameters = ParameterDiscovery.Discover(typeof(TypedBuild)).ToDictionary(p => p.Name);

        Assert.Equal("one of recreate, rolling-update, blue-green", parameters["strategy"].ValueDescription);
        Assert.Equal("a list of: a whole number from -2147483648 to 2147483647", parameters["ports"].ValueDescription);
        Assert.StartsWith("a duration", parameters["timeout"].ValueDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blue-green", DeployStrategy.BlueGreen)]
    [InlineData("BLUEGREEN", DeployStrategy.BlueGreen)]
    [InlineData("rolling_update", DeployStrategy.RollingUpdate)]
    [InlineData("recreate", DeployStrategy.Recreate)]
    public void Enums_ignore_case_and_dashes(string text, DeployStrategy expected) =>
        Assert.Equal(expected, Cli("--strategy", text).Strategy);

    [Theory]
    [InlineData("00:05:00", 300_000)]
    [InlineData("1.02:00:00", 93_600_000)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("250ms", 250)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2d", 172_800_000)]
    public void TimeSpan_accepts_clock_and_unit_forms(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Cli("--timeout", text).Timeout);

    [Fact]
    public void Uri_must_be_absolute()
    {
        Assert.Equal(new Uri("http://127.0.0.1:9090/"), Cli("--prometheus-url", "http://127.0.0.1:9090").PrometheusUrl);

        var error = Assert.Throws<ParameterException>(() => Cli("--prometheus-url", "/api/v1"));
        Assert.Contains("absolute URI with its scheme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_resolve_against_the_root()
    {
        var build = Cli("--output", "artifacts/packages", "--absolute-output", "/var/tmp/x/");

        Assert.Equal(Path.Combine(_root.Path, "artifacts", "packages"), build.Output!.Value);
        Assert.Equal("/var/tmp/x", build.AbsoluteOutput!.Value);
        Assert.Equal(Path.Combine(_root.Path, "artifacts", "packages", "a.nupkg"), (build.Output / "a.nupkg").Value);
    }

    [Fact]
    public void Nullable_values_stay_null_unless_given()
    {
        Assert.Null(Cli().NullableCount);
        Assert.Equal(5, Cli("--nullable-count", "5").NullableCount);
    }

    [Fact]
    public void Arrays_from_command_line_words()
    {
        var build = Cli("--names", "a", "b", "c", "--ports", "80", "443", "--strategies", "recreate", "blue-green");

        Assert.Equal(["a", "b", "c"], build.Names);
        Assert.Equal([80, 443], build.Ports);
        Assert.Equal([DeployStrategy.Recreate, DeployStrategy.BlueGreen], build.Strategies);
    }

    [Fact]
    public void Arrays_from_environment_split_on_whitespace_or_separator()
    {
        var build = Inject([], new() { ["NAMES"] = " a  b\tc ", ["TAGS"] = "x+y+z", ["TIMEOUTS"] = "1s 2m" });

        Assert.Equal(["a", "b", "c"], build.Names);
        Assert.Equal(["x", "y", "z"], build.Tags);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2)], build.Timeouts);
    }

    [Fact]
    public void Separator_also_splits_command_line_words()
    {
        Assert.Equal(["x", "y", "z"], Cli("--tags", "x+y", "z").Tags);
    }

    [Fact]
    public void Arrays_and_numbers_from_json()
    {
        _root.WriteParameters(null, """{ "ports": [80, 443], "names": "one two", "ratio": 0.5, "flag": true, "count": 3, "tags": ["p+q", "r"] }""");

        var build = Inject([]);

        Assert.Equal([80, 443], build.Ports);
        Assert.Equal(["one", "two"], build.Names);
        Assert.Equal(0.5, build.FaultRatio);
        Assert.True(build.Flag);
        Assert.Equal(3, build.Count);
        Assert.Equal(["p", "q", "r"], build.Tags);
    }

    [Theory]
    [InlineData("count", "ten", "a whole number")]
    [InlineData("count", "99999999999", "a whole number")]
    [InlineData("big", "1.5", "a whole number")]
    [InlineData("ratio", "0,5", "a number such as 0.05")]
    [InlineData("ratio", "NaN", "a number such as 0.05")]
    [InlineData("money", "1,000", "a number such as 0.05")]
    [InlineData("flag", "maybe", "true/false")]
    [InlineData("strategy", "canary", "one of recreate, rolling-update, blue-green")]
    [InlineData("timeout", "5 minutes", "a duration such as 30s")]
    [InlineData("timeout", "5x", "a duration such as 30s")]
    [InlineData("prometheus-url", "localhost:9090", "an absolute URI with its scheme")]
    [InlineData("prometheus-url", "/api/v1", "an absolute URI with its scheme")]
    [InlineData("ports", "eighty", "a whole number")]
    public void Bad_command_line_value_names_parameter_source_and_value(string parameter, string value, string expected)
    {
        var error = Assert.Throws<ParameterException>(() => Cli($"--{parameter}", value));

        Assert.Equal($"Parameter '{parameter}' from command line: value '{value}' is not valid: expected {FirstWords(error.Message, expected)}", error.Message[..^1]);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Equal("command line", error.ValueSource);
    }

    [Fact]
    public void Bad_environment_value_names_the_variable()
    {
        var error = Assert.Throws<ParameterException>(() => Inject([], new() { ["SHIPGATE_RATIO"] = "x" }));

        Assert.Contains("'ratio'", error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable SHIPGATE_RATIO", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_file_value_names_the_file()
    {
        var path = _root.WriteParameters(null, """{ "Timeout": "soon" }""");

        var error = Assert.Throws<ParameterException>(() => Inject([]));

        Assert.Equal($"Parameter 'timeout' from {path}: value 'soon' is not valid: expected a duration such as 30s, 5m, 1h30m, 250ms or 00:05:00.", error.Message);
    }

    [Fact]
    public void Bad_secret_value_is_masked_in_the_error()
    {
        var error = Assert.Throws<ParameterException>(() => Inject([], new() { ["SECRET_PORT"] = "hunter2-is-secret" }));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("value '****'", error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable SECRET_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value_and_too_many_values_are_errors()
    {
        Assert.Contains("needs a value (a whole number", Assert.Throws<ParameterException>(() => Cli("--count")).Message, StringComparison.Ordinal);
        Assert.Contains("takes one value, not 2", Assert.Throws<ParameterException>(() => Cli("--count", "1", "2")).Message, StringComparison.Ordinal);
    }

    // The expected-text is a prefix of the converter's description; compare the message up to it.
    private static string FirstWords(string message, string expected)
    {
        var start = message.IndexOf("expected ", StringComparison.Ordinal) + "expected ".Length;
        Assert.StartsWith(expected, message[start..], StringComparison.Ordinal);
        return message[start..^1];
    }

    private TypedBuild Cli(params string[] args) => Inject(args);

    private TypedBuild Inject(string[] args, Dictionary<string, string>? environment = null)
    {
        var build = new TypedBuild();
        new ParameterInjector(_root.Path, ArgumentList.Parse(args), environment ?? []).Inject(build);
        return build;
    }

#pragma warning disable CS0649 // assigned by reflection
    private sealed class TypedBuild
    {
        [Parameter] public bool Flag;
        [Parameter] public bool? NullableFlag;
        [Parameter] public int Count;
        [Parameter] public int? NullableCount;
        [Parameter] public long Big;
        [Parameter] public short Small;
        [Parameter] public uint Unsigned;
        [Parameter] public ulong Huge;
        [Parameter] public float Single;
        [Parameter(Name = "ratio")] public double FaultRatio;
        [Parameter] public decimal Money;
        [Parameter] public DeployStrategy Strategy;
        [Parameter] public TimeSpan Timeout;
        [Parameter] public Uri? PrometheusUrl;
        [Parameter] public AbsolutePath? Output;
        [Parameter] public AbsolutePath? AbsoluteOutput;
        [Parameter] public string[] Names = [];
        [Parameter(Separator = "+")] public string[] Tags = [];
        [Parameter] public int[] Ports = [];
        [Parameter] public DeployStrategy[] Strategies = [];
        [Parameter] public TimeSpan[] Timeouts = [];
        [Parameter, Secret] public int SecretPort;
    }
#pragma warning restore CS0649
}
