using Shipgate.Core.Text;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Tests.Templates;

public class QueryTemplateTests
{
    private static readonly ReleaseContext Release = ReleaseContext.Of("model", "v2", baselineVersion: "v1", environment: "prod", window: TimeSpan.FromMinutes(2));

    [Fact]
    public void Renders_the_release_labels_and_the_window() =>
        Assert.Equal(
            "rate(x{service=\"model\",version=\"v2\",environment=\"prod\"}[2m])",
            Release.Render("rate(x{service=\"{{service}}\",version=\"{{ version }}\",environment=\"{{environment}}\"}[{{window}}])"));

    [Fact]
    public void The_baseline_view_binds_version_to_the_baseline_version() =>
        Assert.Equal("x{version=\"v1\"}", Release.ForBaseline().Render("x{version=\"{{version}}\"}"));

    [Fact]
    public void A_variable_without_a_value_is_an_error_not_an_empty_string()
    {
        var noEnvironment = ReleaseContext.Of("model", "v2");
        var e = Assert.Throws<TemplateException>(() => noEnvironment.Render("x{environment=\"{{environment}}\"}"));
        Assert.Contains("--environment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_gate_without_a_baseline_version_says_which_option_is_missing() =>
        Assert.Contains("--baseline-version", Assert.Throws<TemplateException>(() => ReleaseContext.Of("m", "v2").ForBaseline()).Message, StringComparison.Ordinal);

    [Fact]
    public void Unknown_variables_are_errors_that_name_them() =>
        Assert.Contains("'{{region}}'", Assert.Throws<TemplateException>(() => QueryTemplate.CheckVariables("x{r=\"{{region}}\"}", QueryTemplate.BuiltInVariables)).Message, StringComparison.Ordinal);

    [Fact]
    public void Set_values_become_known_variables()
    {
        var context = new ReleaseContext(new Dictionary<string, string> { ["service"] = "m", ["region"] = "eu" }, TimeSpan.FromSeconds(30));
        Assert.Equal("x{r=\"eu\"}[30s]", context.Render("x{r=\"{{region}}\"}[{{window}}]"));
    }

    [Theory]
    [InlineData("v1\"} or vector(1) #")]
    [InlineData("a\\b")]
    [InlineData("line\nbreak")]
    public void Values_that_would_change_the_query_are_refused(string version) =>
        Assert.Throws<TemplateException>(() => ReleaseContext.Of("model", version));

    [Theory]
    [InlineData("x{{service}")]
    [InlineData("{{1abc}}")]
    public void Malformed_placeholders_are_errors(string template) =>
        Assert.Throws<TemplateException>(() => QueryTemplate.Variables(template));

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    public void Durations_parse_the_prometheus_way(string text, double milliseconds) =>
        Assert.Equal(milliseconds, PromDuration.Parse(text).TotalMilliseconds);

    [Theory]
    [InlineData(120, "2m")]
    [InlineData(90, "90s")]
    [InlineData(3600, "1h")]
    [InlineData(1.5, "1500ms")]
    public void Durations_format_in_one_unit(double seconds, string expected) =>
        Assert.Equal(expected, PromDuration.Format(TimeSpan.FromSeconds(seconds)));
}
