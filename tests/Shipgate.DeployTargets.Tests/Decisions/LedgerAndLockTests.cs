using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using static Shipgate.DeployTargets.Tests.Decisions.TestReleases;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class LedgerAndLockTests
{
    [Fact]
    public void Every_field_of_a_record_round_trips_through_the_ledger_labels()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var record = new ReleaseRecord
        {
            ReleaseId = "r1",
            Service = "svc",
            Environment = "prod",
            Version = "1.2.3",
            Image = "reg/svc@sha256:abc",
            Commit = "deadbeef",
            DeployedBy = "ci",
            ApprovedBy = "rm",
            Phase = ReleasePhase.Promoted,
            Verdict = "Pass",
            Reason = "ok",
            PreviousReleaseId = "r0",
            DeployedAt = at,
            UpdatedAt = at.AddMinutes(5),
            Revision = 3,
        };
        Assert.Equal(record, LedgerLabels.TryParse(LedgerLabels.ToLabels(record, "ledger"), out var problem));
        Assert.Null(problem);
        Assert.Equal("sha256:abc", record.Digest);
    }

    [Fact]
    public void Labels_missing_a_required_field_are_refused_naming_it()
    {
        Assert.Null(LedgerLabels.TryParse(new Dictionary<string, string> { [LedgerLabels.ReleaseId] = "r1" }, out var problem));
        Assert.Contains(LedgerLabels.Image, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_finds_a_rolled_back_version_and_skips_failed_releases_when_rolling_back()
    {
        var history = new ReleaseHistory([
            Release("a", ReleasePhase.Promoted, null, 0), Release("b", ReleasePhase.Failed, "a", 1),
            Release("c", ReleasePhase.Healthy, "b", 2), Release("d", ReleasePhase.RolledBack, "c", 3),
        ]);
        Assert.Equal("c", history.Current?.ReleaseId);
        Assert.Equal("a", history.RollbackTargetOf(history.Current!)?.ReleaseId);
        Assert.Equal("d", history.RolledBackMatch("vd", "other")?.ReleaseId);
        Assert.Null(history.RolledBackMatch("vc", "reg/svc@sha256:c"));
    }

    [Theory]
    [InlineData("host-a", 10, "100", null, LockState.Stale)]
    [InlineData("host-a", 10, "100", "100", LockState.Held)]
    [InlineData("host-a", 10, "100", "555", LockState.Stale)]
    [InlineData("host-b", 10, "100", null, LockState.HeldElsewhere)]
    public void A_lock_is_broken_only_when_its_holder_is_gone(string holderHost, int pid, string start, string? liveStart, LockState expected)
    {
        var holder = new LockHolder(holderHost, pid, start, "t", DateTimeOffset.UnixEpoch);
        Assert.Equal(expected, LockStaleness.Judge(holder, "host-a", p => p == pid ? liveStart : null));
        Assert.Equal(LockState.Unreadable, LockStaleness.Judge(null, "host-a", _ => null));
    }

    [Theory]
    [InlineData("secret.txt", true)]
    [InlineData("docs/a.md", true)]
    [InlineData("docs/keep.md", false)]
    [InlineData("src/x.tmp", true)]
    [InlineData("src/deep/y.tmp", true)]
    [InlineData("src/x.cs", false)]
    [InlineData("bin/Debug/a.dll", true)]
    public void Dockerignore_patterns_follow_the_docker_cli_rules(string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse("# comment\nsecret.txt\ndocs\n!docs/keep.md\n**/*.tmp\n/bin/\n");
        Assert.Equal(excluded, ignore.IsExcluded(path));
    }

    [Fact]
    public void Registry_credentials_never_show_the_password()
    {
        var credentials = new RegistryCredentials("u", "p4ss-w0rd");
        Assert.DoesNotContain("p4ss-w0rd", credentials.ToString(), StringComparison.Ordinal);
        Assert.Equal("denied for u:****", RegistryCredentials.Mask("denied for u:p4ss-w0rd", credentials));
    }
}
