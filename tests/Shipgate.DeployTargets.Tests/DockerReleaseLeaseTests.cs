using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

/// <summary>The deploy lock held for a whole release, between two real processes.</summary>
[Collection(StackCollection.Name)]
public sealed class DockerReleaseLeaseTests(StackFixture stack)
{
    [Fact]
    public async Task A_release_lease_refuses_another_process_at_once_naming_the_holder_and_its_release_until_the_holder_dies()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "leased", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "leased", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "leased", 18033);
        var target = new DockerTarget(options);

        using var holder = await DeployHelperProcess.StartPausedAtAsync("leased", 18033, v1.Reference, "1.0.0", "released", "docker",
            "--lease", "Deploy 1.0.0 by run 41");
        var release = holder.ReleaseId!;

        var refusals = new[]
        {
            await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "run 42"))),
            await Assert.ThrowsAsync<DeployTargetException>(() => target.PromoteAsync(new PromoteRequest("run 42", "Pass"))),
            await Assert.ThrowsAsync<DeployTargetException>(() => target.RollbackAsync("run 42 gave up")),
            await Assert.ThrowsAsync<DeployTargetException>(() => target.BeginVerificationAsync(release)),
            await Assert.ThrowsAsync<DeployTargetException>(() => target.AcquireReleaseLeaseAsync("Deploy 2.0.0 by run 42")),
        };
        foreach (var refused in refusals)
        {
            Assert.Equal(DeployErrorKind.Locked, refused.Kind);
            Assert.Contains($"pid {holder.Pid} on {Environment.MachineName} since ", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Deploy 1.0.0 by run 41", refused.Message, StringComparison.Ordinal);
            Assert.Contains(release, refused.Message, StringComparison.Ordinal);
        }
        // Status reports the holder and changes nothing.
        var status = await target.StatusAsync();
        Assert.Equal(holder.Pid, status.HeldBy?.Pid);
        Assert.Empty(status.Recovered);
        Assert.Equal((release, ReleasePhase.Healthy), (status.Current?.ReleaseId, status.Current?.Phase));

        await holder.KillAsync();
        var next = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "run 42"));
        Assert.Equal(ReleasePhase.Healthy, next.Phase);
        Assert.Equal("2.0.0", await TestImages.GetAsync(18033, "version"));
    }

    [Fact]
    public async Task The_lease_holders_own_calls_pass_through_while_a_second_lease_and_another_process_are_refused()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "ownlease", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "ownlease", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "ownlease", 18034);
        var target = new DockerTarget(options);

        await using (await target.AcquireReleaseLeaseAsync("Deploy 1.0.0 by this test"))
        {
            var release = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
            // Another target object of this process passes through the same lease.
            var verifying = await new DockerTarget(options).BeginVerificationAsync(release.ReleaseId);
            Assert.Equal(ReleasePhase.Verifying, verifying.Phase);

            var second = await Assert.ThrowsAsync<DeployTargetException>(() => target.AcquireReleaseLeaseAsync("a second release"));
            Assert.Equal(DeployErrorKind.Locked, second.Kind);
            var (exitCode, output) = await DeployHelperProcess.RunAsync("ownlease", 18034, v2.Reference, "2.0.0");
            Assert.Equal(3, exitCode);
            Assert.Contains("REFUSED Locked", output, StringComparison.Ordinal);
            Assert.Contains($"pid {Environment.ProcessId}", output, StringComparison.Ordinal);
            Assert.Contains(release.ReleaseId, output, StringComparison.Ordinal);

            var promoted = await target.PromoteAsync(new PromoteRequest("tests", "Pass") { ReleaseId = release.ReleaseId });
            Assert.Equal(ReleasePhase.Promoted, promoted.Phase);
        }

        // Released: another process deploys.
        var (code, text) = await DeployHelperProcess.RunAsync("ownlease", 18034, v2.Reference, "2.0.0");
        Assert.True(code == 0, text);
        Assert.Equal("2.0.0", await TestImages.GetAsync(18034, "version"));
    }
}
