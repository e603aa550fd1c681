using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Tests.Specs;

public class ErrorMatcherTests
{
    [Theory]
    [InlineData("code=~\"5..\"", "code")]
    [InlineData("code=\"500\",route=~\"/predict|/score\"", "code,route")]
    [InlineData("status!=\"\"", "status")]
    [InlineData("status!=\"ok\"", "")]
    [InlineData("code=~\".*\"", "")]
    [InlineData("outcome!~\"success\"", "")]
    [InlineData("code=\"\"", "")]
    public void A_matcher_needs_the_labels_it_cannot_match_without(string matcher, string labels) =>
        Assert.Equal(labels.Split(',', StringSplitOptions.RemoveEmptyEntries), ErrorMatcher.RequiredLabels(matcher));

    [Fact]
    public void A_label_the_metric_does_not_have_is_a_problem_naming_it_and_the_labels_there_are()
    {
        var problem = ErrorMatcher.Problem("cod=~\"5..\"", "reqs", ["code", "route", "version"]);
        Assert.Equal("the error matcher `cod=~\"5..\"` needs label 'cod', which no series of reqs has (its labels: code, route, version): it can never match an error", problem);
        Assert.Null(ErrorMatcher.Problem("code=~\"5..\"", "reqs", ["code", "route"]));
    }
}
