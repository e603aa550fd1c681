using Docker.DotNet.Models;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

/// <summary>
/// v1 promoted, v2 deployed but never verified (left Healthy), then v3: a rollback of v3, the recovery of a v3 whose
/// verifier was killed, and the undo of a v3 that never became healthy return to v1 (the last verified release), never
/// to v2; and v1's container survives v3's promote.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DockerVerifiedRollbackTests(StackFixture stack)
{
    [Fact]
    public async Task A_rollback_returns_to_the_last_promoted_release_past_an_unverified_one_whose_container_the_promote_kept()
    {
        var (v1, v2, v3) = await ThreeVersionsAsync("verifiedrollback");
        var target = new DockerTarget(await TestTargets.FreshDockerAsync(stack, "verifiedrollback", 18070));
        var (first, second) = await PromotedThenUnverifiedAsync(target, v1, v2);

        var third = await target.DeployAsync(new DeployRequest(v3.Reference, "3.0.0", "c3", "tests"));
        Assert.Equal(second.ReleaseId, third.Record.PreviousReleaseId);
        Assert.Equal(first.ReleaseId, (await target.StatusAsync()).Previous?.ReleaseId);
        await target.PromoteAsync(new PromoteRequest("release-manager", "Pass") { ReleaseId = third.ReleaseId });
        // The promote keeps the rollback target's container: v1's, not the unverified v2's.
        Assert.Equal([first.ReleaseId, third.ReleaseId], (await ReleasesWithContainersAsync("verifiedrollback")).Order(StringComparer.Ordinal));

        var back = await target.RollbackAsync(new RollbackRequest("on-call") { ExpectedReleaseId = third.ReleaseId });

        Assert.Equal(first.ReleaseId, back.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18070, "version"));
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(ReleasePhase.RolledBack, status.History.Single(r => r.ReleaseId == third.ReleaseId).Phase);
        var passed = status.History.Single(r => r.ReleaseId == second.ReleaseId);
        Assert.Equal(ReleasePhase.PassedOver, passed.Phase);
        Assert.Contains($"last promoted release {first.ReleaseId}", passed.Reason, StringComparison.Ordinal);
        // A passed-over version was never judged: it may be deployed again without force.
        var again = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(first.ReleaseId, again.Record.PreviousReleaseId);
    }

    [Fact]
    public async Task The_recovery_of_a_release_whose_verifier_was_killed_restores_the_last_promoted_release()
    {
        var (v1, v2, v3) = await ThreeVersionsAsync("verifiedrecovery");
        var target = new DockerTarget(await TestTargets.FreshDockerAsync(stack, "verifiedrecovery", 18071));
        var (first, second) = await PromotedThenUnverifiedAsync(target, v1, v2);

        using (var verifier = await DeployHelperProcess.StartPausedAtAsync("verifiedrecovery", 18071, v3.Reference, "3.0.0", "verifying", "docker", "--verify"))
        {
            await verifier.KillAsync();
        }

        var status = await target.StatusAsync();
        Assert.NotEmpty(status.Recovered);
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18071, "version"));
        Assert.Equal(ReleasePhase.RolledBack, status.History[0].Phase);
        Assert.Equal(ReleasePhase.PassedOver, status.History.Single(r => r.ReleaseId == second.ReleaseId).Phase);
        Assert.Equal([first.ReleaseId], await ReleasesWithContainersAsync("verifiedrecovery"));
    }

    [Fact]
    public async Task A_deploy_that_never_becomes_healthy_returns_to_the_last_promoted_release_not_to_the_unverified_one_it_replaced()
    {
        var (v1, v2, _) = await ThreeVersionsAsync("verifiedundo");
        var bad = await TestImages.BuildAndPushAsync(stack, "verifiedundo", "3.0.0", TestServiceKind.Unhealthy);
        var target = new DockerTarget(await TestTargets.FreshDockerAsync(stack, "verifiedundo", 18072) with { HealthTimeout = TimeSpan.FromSeconds(3) });
        var (first, second) = await PromotedThenUnverifiedAsync(target, v1, v2);

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(bad.Reference, "3.0.0", "c3", "tests")));

        Assert.Contains("was rolled back to 1.0.0", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18072, "version"));
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current?.ReleaseId);
        Assert.Equal(ReleasePhase.PassedOver, status.History.Single(r => r.ReleaseId == second.ReleaseId).Phase);
    }

    private async Task<(PushedImage V1, PushedImage V2, PushedImage V3)> ThreeVersionsAsync(string name) => (
        await TestImages.BuildAndPushAsync(stack, name, "1.0.0"),
        await TestImages.BuildAndPushAsync(stack, name, "2.0.0"),
        await TestImages.BuildAndPushAsync(stack, name, "3.0.0"));

    /// <summary>v1 deployed and promoted; v2 deployed and left Healthy (its verification never ran).</summary>
    private static async Task<(ReleaseInfo First, ReleaseInfo Second)> PromotedThenUnverifiedAsync(DockerTarget target, PushedImage v1, PushedImage v2)
    {
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        await target.PromoteAsync(new PromoteRequest("release-manager", "Pass") { ReleaseId = first.ReleaseId });
        var second = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests"));
        Assert.Equal(ReleasePhase.Healthy, second.Phase);
        return (first, second);
    }

    private async Task<List<string>> ReleasesWithContainersAsync(string service)
    {
        using var client = stack.Engine.CreateClient();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{LedgerLabels.Service}={service}"] = true } },
        });
        return containers.Select(c => c.Labels[LedgerLabels.ReleaseId]).ToList();
    }
}
