using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Tests.Templates;

public class ReleaseContextTests
{
    [Fact]
    public void An_empty_version_is_refused_because_it_would_select_series_without_a_version_label()
    {
        var e = Assert.Throws<TemplateException>(() => ReleaseContext.Of("svc", ""));
        Assert.Contains("the value of 'version' is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_equal_to_the_version_is_refused_but_the_baselines_own_view_is_fine()
    {
        var e = Assert.Throws<TemplateException>(() => ReleaseContext.Of("svc", "2", baselineVersion: "2"));
        Assert.Contains("'baseline_version' is the version under test ('2')", e.Message, StringComparison.Ordinal);
        Assert.Equal("1", ReleaseContext.Of("svc", "2", "1").ForBaseline().WithWindow(TimeSpan.FromSeconds(5)).Values["version"]);
    }
}
