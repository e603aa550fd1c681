using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

/// <summary>The ledger phases after a deploy (Verifying, Paused) and the release a promote or rollback acts on, on the real engine.</summary>
[Collection(StackCollection.Name)]
public sealed class DockerVerificationTests(StackFixture stack)
{
    [Fact]
    public async Task A_release_whose_verifier_died_is_rolled_back_by_the_next_call_and_the_previous_one_serves()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "verifykill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "verifykill", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "verifykill", 18030);
        var target = new DockerTarget(options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("tests", "Pass"));

        string verified;
        using (var verifier = await DeployHelperProcess.StartPausedAtAsync("verifykill", 18030, v2.Reference, "2.0.0", "verifying", "docker", "--verify"))
        {
            verified = verifier.ReleaseId!;
            Assert.Equal("2.0.0", await TestImages.GetAsync(18030, "version"));
            Assert.Equal(ReleasePhase.Verifying, (await ReleaseLedger.ReadAsync(stack.Engine, "verifykill", "test")).Find(verified)?.Phase);
            await verifier.KillAsync();
        }

        var status = await target.StatusAsync();

        Assert.Contains(status.Recovered, r => r.Contains(verified, StringComparison.Ordinal));
        var interrupted = status.History.Single(r => r.ReleaseId == verified);
        Assert.Equal(ReleasePhase.RolledBack, interrupted.Phase);
        Assert.Contains("verification was interrupted", interrupted.Reason, StringComparison.Ordinal);
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18030, "version"));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("verifykill"));
    }

    [Fact]
    public async Task A_release_deployed_to_be_verified_next_and_killed_before_its_verification_began_is_rolled_back_by_the_next_call()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "verifynext", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "verifynext", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "verifynext", 18039);
        var target = new DockerTarget(options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("tests", "Pass"));

        string deployed;
        // Killed the moment the new release became healthy: without VerifyNext it would stay serving as Healthy, unverified.
        using (var deployer = await DeployHelperProcess.StartPausedAtAsync("verifynext", 18039, v2.Reference, "2.0.0", "healthy", "docker", "--verify-next"))
        {
            var ledger = await ReleaseLedger.ReadAsync(stack.Engine, "verifynext", "test");
            deployed = ledger.Releases[0].ReleaseId;
            Assert.Equal(ReleasePhase.Verifying, ledger.Releases[0].Phase);
            await deployer.KillAsync();
        }

        var status = await target.StatusAsync();

        Assert.Equal(ReleasePhase.RolledBack, status.History.Single(r => r.ReleaseId == deployed).Phase);
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18039, "version"));
    }

    [Fact]
    public async Task Verifying_and_paused_releases_are_told_apart_from_healthy_ones_and_a_live_verifier_is_left_alone()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "paused", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "paused", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "paused", 18031);
        var target = new DockerTarget(options);
        await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("tests", "Pass"));
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(ReleasePhase.Healthy, (await target.StatusAsync()).Current?.Phase);

        var verifying = await target.BeginVerificationAsync(second.ReleaseId);
        Assert.Equal(ReleasePhase.Verifying, verifying.Phase);
        Assert.Equal(Environment.ProcessId, verifying.Record.Verifier?.Pid);
        // Another target object's call recovers nothing: the verifier (this process) is alive.
        var during = await new DockerTarget(options).StatusAsync();
        Assert.Empty(during.Recovered);
        Assert.Equal((second.ReleaseId, ReleasePhase.Verifying), (during.Current?.ReleaseId, during.Current?.Phase));

        var paused = await target.PauseAsync(second.ReleaseId, "Inconclusive", "too few samples for the latency gate");
        var status = await target.StatusAsync();
        Assert.Equal(ReleasePhase.Paused, paused.Phase);
        Assert.Equal((ReleasePhase.Paused, "Inconclusive", "too few samples for the latency gate"),
            (status.Current?.Phase, status.Current?.Record.Verdict, status.Current?.Record.Reason));
        Assert.Equal("2.0.0", await TestImages.GetAsync(18031, "version"));
        var notVerifying = await Assert.ThrowsAsync<DeployTargetException>(() => target.PauseAsync(second.ReleaseId, "Inconclusive", "again"));
        Assert.Equal(DeployErrorKind.WrongPhase, notVerifying.Kind);

        // A person promotes the paused release.
        var promoted = await target.PromoteAsync(new PromoteRequest("release-manager", "Pass (manual)") { ReleaseId = second.ReleaseId });
        Assert.Equal((ReleasePhase.Promoted, "release-manager"), (promoted.Phase, promoted.Record.ApprovedBy));
    }

    [Fact]
    public async Task Promote_pause_and_rollback_refuse_a_release_that_is_not_the_one_serving_and_name_both()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "expected", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "expected", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "expected", 18032);
        var target = new DockerTarget(options);
        var verified = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "run-1"));
        // Another run deploys meanwhile.
        var other = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "run-2"));

        var promote = await Assert.ThrowsAsync<DeployTargetException>(() =>
            target.PromoteAsync(new PromoteRequest("run-1", "Pass") { ReleaseId = verified.ReleaseId }));
        var rollback = await Assert.ThrowsAsync<DeployTargetException>(() =>
            target.RollbackAsync(new RollbackRequest("error rate gate failed") { ExpectedReleaseId = verified.ReleaseId }));
        var pause = await Assert.ThrowsAsync<DeployTargetException>(() => target.PauseAsync(verified.ReleaseId, "Inconclusive", "no data"));
        var verify = await Assert.ThrowsAsync<DeployTargetException>(() => target.BeginVerificationAsync(verified.ReleaseId));

        foreach (var refused in new[] { promote, rollback, pause, verify })
        {
            Assert.Equal(DeployErrorKind.ReleaseMismatch, refused.Kind);
            Assert.Contains(verified.ReleaseId, refused.Message, StringComparison.Ordinal);
            Assert.Contains(other.ReleaseId, refused.Message, StringComparison.Ordinal);
        }
        var status = await target.StatusAsync();
        Assert.Equal((other.ReleaseId, ReleasePhase.Healthy), (status.Current?.ReleaseId, status.Current?.Phase));
        Assert.Equal("2.0.0", await TestImages.GetAsync(18032, "version"));

        // Naming the serving release works.
        var back = await target.RollbackAsync(new RollbackRequest("latency gate failed") { ExpectedReleaseId = other.ReleaseId });
        Assert.Equal(verified.ReleaseId, back.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18032, "version"));
    }
}
