using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

[Collection(StackCollection.Name)]
public sealed class DockerCrashRecoveryTests(StackFixture stack)
{
    [Theory]
    [InlineData("locked", "1.0.0")]
    [InlineData("pulled", "1.0.0")]
    [InlineData("recorded", "1.0.0")]
    [InlineData("created", "1.0.0")]
    [InlineData("previous-stopped", "1.0.0")]
    [InlineData("started", "1.0.0")]
    [InlineData("healthy", "2.0.0")]
    public async Task A_deploy_killed_at_any_phase_is_recovered_by_the_next_call(string phase, string servingAfterRecovery)
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "killed", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "killed", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "killed", 18020);
        var target = new DockerTarget(options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        using (var helper = await DeployHelperProcess.StartPausedAtAsync("killed", 18020, v2.Reference, "2.0.0", phase))
        {
            await helper.KillAsync();
        }

        // The dead process's lock is broken, its release finished or undone.
        var status = await target.StatusAsync();
        Assert.DoesNotContain(status.History, r => r.Phase.IsInFlight());
        Assert.Equal(servingAfterRecovery, status.Current?.Version);
        Assert.Equal(servingAfterRecovery, await TestImages.GetAsync(18020, "version"));
        var running = Assert.Single(status.Current!.Instances, i => i.State == "running");
        Assert.NotNull(running);
        if (servingAfterRecovery == "1.0.0")
        {
            Assert.Equal(first.ReleaseId, status.Current.ReleaseId);
            // Every container belongs to a serving release: the interrupted one's container is gone.
            Assert.Equal(1, await new ContainerCount(stack).OfAsync("killed"));
        }
        else
        {
            Assert.Equal(first.ReleaseId, status.Previous?.ReleaseId);
        }

        // And the next deploy goes through (the lock is free).
        var next = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Force = true });
        Assert.Equal(ReleasePhase.Healthy, next.Phase);
    }

    [Theory]
    [InlineData("previous-stopped")]
    [InlineData("started")]
    public async Task A_direct_deploy_killed_mid_switch_puts_the_previous_release_back_on_the_port_with_no_command_run(string phase)
    {
        // Without a router the previous container stops before the new one takes the port: killed in between, the port
        // stayed dead until someone ran a command (over 2,000 failed requests in 21 s measured, issue 14).
        var v1 = await TestImages.BuildAndPushAsync(stack, "sentinel", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "sentinel", "2.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "sentinel", 18022);
        var target = new DockerTarget(options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        using (var helper = await DeployHelperProcess.StartPausedAtAsync("sentinel", 18022, v2.Reference, "2.0.0", phase))
        {
            await helper.KillAsync();
        }

        // No call of ours in between: the version answering is the previous one, put back by the dead process's sentinel.
        Assert.Equal("1.0.0", await AnswerWithinAsync(18022, "1.0.0", TimeSpan.FromSeconds(15)));
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.DoesNotContain(status.History, r => r.Phase.IsInFlight());
    }

    /// <summary>The version answering on the port once it is <paramref name="expected"/>, else the last answer (null: none) after <paramref name="limit"/>.</summary>
    private static async Task<string?> AnswerWithinAsync(int port, string expected, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string? answer = null;
        while (DateTime.UtcNow < deadline && answer != expected)
        {
            try
            {
                answer = await TestImages.GetAsync(port, "version");
            }
            catch (HttpRequestException)
            {
                answer = null;
            }

            if (answer != expected)
                await Task.Delay(100);
        }

        return answer;
    }

    [Fact]
    public async Task A_concurrent_deploy_is_refused_while_the_holder_lives_and_proceeds_when_it_dies()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "concurrent", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "concurrent", 18021);
        var target = new DockerTarget(options with { LockWait = TimeSpan.FromSeconds(1) });

        using var holder = await DeployHelperProcess.StartPausedAtAsync("concurrent", 18021, v1.Reference, "1.0.0", "pulled");
        var refused = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests")));
        Assert.Equal(DeployErrorKind.Locked, refused.Kind);
        Assert.Contains($"pid {holder.Pid}", refused.Message, StringComparison.Ordinal);

        // Status does not wait for the lock and changes nothing while a deploy runs.
        Assert.Empty((await target.StatusAsync()).Recovered);

        await holder.KillAsync();
        var release = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal(ReleasePhase.Healthy, release.Phase);
        using var client = stack.Engine.CreateClient();
        var locks = await client.Volumes.ListAsync();
        Assert.DoesNotContain(locks.Volumes ?? [], v => v.Name == DeployLock.VolumeName("concurrent", "test"));
    }
}
