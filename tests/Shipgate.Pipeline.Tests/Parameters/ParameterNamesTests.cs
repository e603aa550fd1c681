using Shipgate.Core.Text;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Tests.Parameters;

public sealed class ParameterNamesTests
{
    [Theory]
    [InlineData("FaultErrorRate", "fault-error-rate")]
    [InlineData("PrometheusURL", "prometheus-url")]
    [InlineData("HTTPServerPort", "http-server-port")]
    [InlineData("Http2Port", "http2-port")]
    [InlineData("GitHubToken", "git-hub-token")]
    [InlineData("_configuration", "configuration")]
    [InlineData("fault_error_rate", "fault-error-rate")]
    [InlineData("already-kebab", "already-kebab")]
    [InlineData("X", "x")]
    public void ToKebabCase_splits_words_and_acronyms(string member, string expected) =>
        Assert.Equal(expected, ParameterNames.ToKebabCase(member));

    [Theory]
    [InlineData("Tset", "Test")]
    [InlineData("fault-eror-rate", "fault-error-rate")]
    [InlineData("FAULT_ERROR_RAET", "fault-error-rate")]
    [InlineData("compile", "Compile")]
    public void Closest_finds_near_names(string input, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(input, ["Restore", "Compile", "Test", "fault-error-rate", "Pack"]));

    [Fact]
    public void Closest_returns_null_when_nothing_is_close() =>
        Assert.Null(Suggestions.Closest("deploy-everything", ["Restore", "Compile", "Test"]));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("test", "tset", 1)]
    public void Distance_counts_edits(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.Distance(a, b));
}
