using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>The ledger decisions both targets share: the Deploying entry and the refusals before deploy, promote and rollback.</summary>
public sealed class ReleaseGuardTests
{
    [Fact]
    public void The_deploying_record_holds_the_request_and_follows_the_previous_release()
    {
        var request = new DeployRequest("reg/svc@sha256:new", "2.0.0", "deadbeef", "ci-bot");
        var record = ReleaseRecord.Deploying("svc", "prod", request, Release("a", ReleasePhase.Healthy, null, 0), T0);

        Assert.Equal(ReleasePhase.Deploying, record.Phase);
        Assert.Equal(("svc", "prod", "2.0.0", "reg/svc@sha256:new", "deadbeef", "ci-bot"),
            (record.Service, record.Environment, record.Version, record.Image, record.Commit, record.DeployedBy));
        Assert.Equal("a", record.PreviousReleaseId);
        Assert.Equal((T0, T0), (record.DeployedAt, record.UpdatedAt));
        Assert.Equal(0, record.Revision);
        Assert.Null(record.ApprovedBy);
        Assert.Null(record.Reason);
        Assert.StartsWith("20261123T120000000-", record.ReleaseId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_release_follows_nothing_and_gets_a_fresh_id()
    {
        var request = new DeployRequest("reg/svc@sha256:new", "1.0.0", "c", "ci");
        var first = ReleaseRecord.Deploying("svc", "prod", request, previous: null, T0);
        var again = ReleaseRecord.Deploying("svc", "prod", request, previous: null, T0);

        Assert.Null(first.PreviousReleaseId);
        Assert.NotEqual(first.ReleaseId, again.ReleaseId);
    }

    [Theory]
    [InlineData("vb", "reg/other@sha256:x")]
    [InlineData("9.9.9", "reg/svc@sha256:b")]
    public void A_rolled_back_version_is_refused_naming_the_release_and_its_reason(string version, string image)
    {
        var history = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.RolledBack, "a", 1, "error rate 12%")]);

        var e = Assert.Throws<DeployTargetException>(() => history.RefuseIfRolledBack(new DeployRequest(image, version, "c", "ci"), "svc/prod"));

        Assert.Equal(DeployErrorKind.VersionRolledBack, e.Kind);
        Assert.Equal($"Version {version} ({image}) of svc/prod was rolled back in release b: error rate 12%. Deploy with force to override.", e.Message);
    }

    [Fact]
    public void Force_and_versions_never_rolled_back_are_let_through()
    {
        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.RolledBack, "a", 1), Release("c", ReleasePhase.Failed, "a", 2),
        ]);

        history.RefuseIfRolledBack(new DeployRequest("reg/svc@sha256:b", "vb", "c", "ci") { Force = true }, "svc/prod");
        history.RefuseIfRolledBack(new DeployRequest("reg/svc@sha256:new", "3.0.0", "c", "ci"), "svc/prod");
        // A failed release never served, so its version may be deployed again.
        history.RefuseIfRolledBack(new DeployRequest("reg/svc@sha256:c", "vc", "c", "ci"), "svc/prod");
    }

    [Fact]
    public void Promote_and_rollback_get_the_serving_release_or_are_told_what_cannot_be_done()
    {
        var serving = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.RolledBack, "a", 1)]);
        Assert.Equal("a", serving.RequireCurrent("promote", "svc/prod").ReleaseId);

        var none = new ReleaseHistory([Release("a", ReleasePhase.Failed, null, 0)]);
        var e = Assert.Throws<DeployTargetException>(() => none.RequireCurrent("roll back", "svc-prod"));
        Assert.Equal(DeployErrorKind.NothingToRollBack, e.Kind);
        Assert.Equal("svc-prod has no serving release to roll back.", e.Message);
        Assert.Equal("svc-prod has no serving release to promote.",
            Assert.Throws<DeployTargetException>(() => new ReleaseHistory([]).RequireCurrent("promote", "svc-prod")).Message);
    }

    [Fact]
    public void The_rollback_target_skips_releases_that_never_served_and_is_refused_when_none_remains()
    {
        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Failed, "a", 1), Release("c", ReleasePhase.Healthy, "b", 2),
        ]);
        Assert.Equal("a", history.RequireRollbackTargetOf(history.Current!, "svc/prod").ReleaseId);

        var first = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0)]);
        var e = Assert.Throws<DeployTargetException>(() => first.RequireRollbackTargetOf(first.Current!, "svc/prod"));
        Assert.Equal(DeployErrorKind.NothingToRollBack, e.Kind);
        Assert.Equal("Release a (va) of svc/prod has no previous release to roll back to.", e.Message);
    }

    [Fact]
    public void The_rollback_target_is_the_last_promoted_release_and_the_unpromoted_ones_in_between_are_passed_over()
    {
        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Healthy, "a", 1), Release("c", ReleasePhase.Paused, "b", 2),
            Release("d", ReleasePhase.Verifying, "c", 3),
        ]);
        var current = history.Current!;

        Assert.Equal("a", history.RollbackTargetOf(current)?.ReleaseId);
        Assert.Equal(["c", "b"], history.PassedOverBy(current, history.RollbackTargetOf(current)).Select(r => r.ReleaseId));
        // Returning to the release just before passes over nothing (a deploy undone to what served before it).
        Assert.Empty(history.PassedOverBy(current, history.Find("c")));

        // Never promoted at all: there is no verified release to prefer, the nearest serving one is the target.
        var unverified = new ReleaseHistory([Release("a", ReleasePhase.Healthy, null, 0), Release("b", ReleasePhase.Healthy, "a", 1)]);
        Assert.Equal("a", unverified.RollbackTargetOf(unverified.Current!)?.ReleaseId);
        // A passed-over release is not current, and may be deployed again (it was never judged).
        var after = new ReleaseHistory([Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.PassedOver, "a", 1), Release("c", ReleasePhase.RolledBack, "b", 2)]);
        Assert.Equal("a", after.Current?.ReleaseId);
        Assert.Null(after.RolledBackMatch("vb", "reg/svc@sha256:b"));
    }
}
