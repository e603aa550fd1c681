using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

[Collection(StackCollection.Name)]
public sealed class SwarmTargetTests(StackFixture stack)
{
    private const int BasePort = 18040;
    private const int KillBasePort = 18050;
    private const int VerifiedBasePort = 18075;
    private const int VerifiedKillBasePort = 18110;

    /// <summary>Every replica answers the version. A replica gets up to 10 s: on this shared 2-core machine a task
    /// reported running may take a moment before its port accepts connections again after a rollback.</summary>
    private static async Task AssertAllReplicasServeAsync(string version, int basePort = BasePort)
    {
        for (var slot = 1; slot <= 4; slot++)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
            string? served = null;
            while (served != version && DateTimeOffset.UtcNow < deadline)
            {
                try
                {
                    served = await TestImages.GetAsync(basePort + slot, "version");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.Equal(version, served);
        }
    }

    [Fact]
    public async Task A_rolling_update_and_a_rollback_of_four_replicas_serve_each_version_on_every_replica()
    {
        await stack.EnsureSwarmAsync();
        await stack.ForgetServiceAsync("rolling", "test");
        var v1 = await TestImages.BuildAndPushAsync(stack, "swarm-rolling", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swarm-rolling", "2.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "swarm-rolling", "3.0.0", TestServiceKind.Unhealthy);
        var target = new DockerSwarmTarget(new SwarmTargetOptions("rolling", "test", BasePort) { HealthTimeout = TimeSpan.FromSeconds(60) });

        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal(4, first.Instances.Count(i => i.State == "running"));
        Assert.Equal(DeployPlatform.Swarm, await ReleaseLedger.ReadPlatformAsync(stack.Engine, "rolling", "test"));
        await AssertAllReplicasServeAsync("1.0.0");

        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(first.ReleaseId, second.Record.PreviousReleaseId);
        await AssertAllReplicasServeAsync("2.0.0");

        var back = await target.RollbackAsync("latency gate failed");
        Assert.Equal(first.ReleaseId, back.ReleaseId);
        await AssertAllReplicasServeAsync("1.0.0");
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(4, status.Current!.Instances.Count);
        Assert.Equal(ReleasePhase.RolledBack, status.History.Single(r => r.ReleaseId == second.ReleaseId).Phase);
        Assert.Equal(DeployErrorKind.VersionRolledBack,
            (await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")))).Kind);

        // A release whose HEALTHCHECK never passes is rolled back (by Swarm's failure action or by us).
        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(bad.Reference, "3.0.0", "c3", "tests")));
        Assert.Equal(DeployErrorKind.Unhealthy, error.Kind);
        await AssertAllReplicasServeAsync("1.0.0");
        Assert.Equal(first.ReleaseId, (await target.StatusAsync()).Current?.ReleaseId);
        await stack.ForgetServiceAsync("rolling", "test");
    }

    [Fact]
    public async Task An_update_that_never_converges_returns_to_the_last_promoted_spec_not_to_the_unverified_one_it_replaced()
    {
        await stack.EnsureSwarmAsync();
        await stack.ForgetServiceAsync("swverified", "test");
        var v1 = await TestImages.BuildAndPushAsync(stack, "swarm-verified", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swarm-verified", "2.0.0");
        var bad = await TestImages.BuildAndPushAsync(stack, "swarm-verified", "3.0.0", TestServiceKind.Unhealthy);
        var target = new DockerSwarmTarget(new SwarmTargetOptions("swverified", "test", VerifiedBasePort) { HealthTimeout = TimeSpan.FromSeconds(60) });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("release-manager", "Pass") { ReleaseId = first.ReleaseId });
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(ReleasePhase.Healthy, second.Phase);

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(bad.Reference, "3.0.0", "c3", "tests")));

        Assert.Contains("was rolled back to 1.0.0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did not converge again", error.Message, StringComparison.Ordinal);
        await AssertAllReplicasServeAsync("1.0.0", VerifiedBasePort);
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(ReleasePhase.PassedOver, status.History.Single(r => r.ReleaseId == second.ReleaseId).Phase);
        await stack.ForgetServiceAsync("swverified", "test");
    }

    [Fact]
    public async Task Bad_swarm_options_are_refused_before_anything_is_deployed()
    {
        var target = new DockerSwarmTarget(new SwarmTargetOptions("badswarm", "test", BasePort) { Replicas = 0 });
        var error = await Assert.ThrowsAsync<DeployTargetException>(() =>
            target.DeployAsync(new DeployRequest($"127.0.0.1:15000/x@sha256:{new string('d', 64)}", "1", "c", "tests")));
        Assert.Equal(DeployErrorKind.InvalidOptions, error.Kind);
        Assert.Contains("Replicas", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recorded")]
    [InlineData("submitted")]
    public async Task A_swarm_deploy_killed_mid_update_is_rolled_back_to_the_previous_spec_by_the_next_call(string phase)
    {
        await stack.EnsureSwarmAsync();
        await stack.ForgetServiceAsync("swkill", "test");
        var v1 = await TestImages.BuildAndPushAsync(stack, "swarm-kill", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swarm-kill", "2.0.0");
        var target = new DockerSwarmTarget(new SwarmTargetOptions("swkill", "test", KillBasePort) { HealthTimeout = TimeSpan.FromSeconds(60) });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        using (var helper = await DeployHelperProcess.StartPausedAtAsync("swkill", KillBasePort, v2.Reference, "2.0.0", phase, "swarm"))
        {
            await helper.KillAsync();
        }

        var status = await target.StatusAsync();
        Assert.NotEmpty(status.Recovered);
        Assert.DoesNotContain(status.History, r => r.Phase.IsInFlight());
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(4, status.Current!.Instances.Count(i => i.State == "running"));
        await AssertAllReplicasServeAsync("1.0.0", KillBasePort);
        await stack.ForgetServiceAsync("swkill", "test");
    }

    /// <summary>
    /// v1 promoted, v2 deployed and never verified (Healthy), then v3's deploy killed mid-update or its verifier killed:
    /// the next call returns all 4 replicas to v1, the last verified spec, not to v2 (the spec v3's update replaced).
    /// </summary>
    [Theory]
    [InlineData("submitted", "", ReleasePhase.Failed)]
    [InlineData("verifying", "--verify", ReleasePhase.RolledBack)]
    public async Task A_swarm_release_killed_over_an_unverified_one_is_recovered_to_the_last_promoted_spec(string phase, string verify, ReleasePhase killedEnds)
    {
        await stack.EnsureSwarmAsync();
        await stack.ForgetServiceAsync("swkillverified", "test");
        var v1 = await TestImages.BuildAndPushAsync(stack, "swarm-kill-verified", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "swarm-kill-verified", "2.0.0");
        var v3 = await TestImages.BuildAndPushAsync(stack, "swarm-kill-verified", "3.0.0");
        var target = new DockerSwarmTarget(new SwarmTargetOptions("swkillverified", "test", VerifiedKillBasePort) { HealthTimeout = TimeSpan.FromSeconds(60) });
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("release-manager", "Pass") { ReleaseId = first.ReleaseId });
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(ReleasePhase.Healthy, second.Phase);

        string[] options = verify.Length == 0 ? [] : [verify];
        using (var helper = await DeployHelperProcess.StartPausedAtAsync("swkillverified", VerifiedKillBasePort, v3.Reference, "3.0.0", phase, "swarm", options))
        {
            await helper.KillAsync();
        }

        var status = await target.StatusAsync();
        Assert.NotEmpty(status.Recovered);
        Assert.DoesNotContain(status.History, r => r.Phase.IsInFlight());
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(killedEnds, status.History[0].Phase);
        Assert.Equal(ReleasePhase.PassedOver, status.History.Single(r => r.ReleaseId == second.ReleaseId).Phase);
        await AssertAllReplicasServeAsync("1.0.0", VerifiedKillBasePort);
        await stack.ForgetServiceAsync("swkillverified", "test");
    }
}
