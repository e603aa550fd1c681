using Shipgate.DeployTargets.Ledger;
using Shipgate.Release.Artifacts;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Tests.Decisions;

public sealed class VersionRulesTests
{
    [Theory]
    [InlineData("1.2.3")]
    [InlineData("v1.2-3-gabc1234-dirty")]
    [InlineData("e2e_4")]
    public void Usable_versions_pass(string version) => Assert.Null(ReleaseVersion.Problem(version));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("-1", "is not a version")]
    [InlineData("1\"} or up{x=\"", "is not a version")]
    [InlineData("a b", "is not a version")]
    public void Unusable_versions_say_why(string version, string problem) => Assert.Contains(problem, ReleaseVersion.Problem(version), StringComparison.Ordinal);

    [Fact]
    public void A_version_rolled_back_before_needs_force()
    {
        var history = new[] { Record("7", ReleasePhase.RolledBack, "error-rate failed") };

        var problem = Assert.Single(VersionRules.Problems("7", history, force: false));

        Assert.Contains("rolled back before", problem, StringComparison.Ordinal);
        Assert.Contains("error-rate failed", problem, StringComparison.Ordinal);
        Assert.Empty(VersionRules.Problems("7", history, force: true));
        Assert.Empty(VersionRules.Problems("8", history, force: false));
    }

    [Fact]
    public void The_version_defaults_to_git_describe_then_the_hosts_commit()
    {
        Assert.Equal("v1.0-2-gabc", ReleaseVersion.FromGit("v1.0-2-gabc\n", "0123456789abcdef0123"));
        Assert.Equal("0123456789ab", ReleaseVersion.FromGit(null, "0123456789abcdef0123"));
        Assert.Throws<InvalidOperationException>(() => ReleaseVersion.FromGit(null, null));
    }

    private static ReleaseRecord Record(string version, ReleasePhase phase, string reason) => TestRecords.Release(version, phase, reason);
}
