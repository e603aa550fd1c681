using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using static Shipgate.DeployTargets.Tests.Routing.RoutedDockerReleaseTests;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A canary held at <c>pause: {}</c> until a release manager approves, behind a real HAProxy on a real dockerd with a
/// prober sending 100 requests/s through the router: the deploy returns with the canary at its weight (both versions
/// answer), a later call's recovery leaves it alone, another deploy and a promote are refused, a resume with an approval
/// runs the next steps to all the traffic and records who approved, and a rollback takes the held canary out.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HeldCanaryTests(StackFixture stack)
{
    private static readonly IReadOnlyList<CanaryStep> HeldAtTen = [new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved(), new CanaryStep.Analysis()];

    [Fact]
    public async Task A_canary_held_until_approved_keeps_its_share_across_calls_and_resumes_to_all_the_traffic_with_the_approver_recorded()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-held", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "canary-held", "2.0.0");
        var v3 = await TestImages.BuildAndPushAsync(stack, "canary-held", "3.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-held", 18480, ReleaseStrategy.Canary);
        var options = routed.Options with { Router = routed.Options.Router! with { CanarySteps = HeldAtTen } };
        var first = await new DockerTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        var analysed = new List<int>();
        var held = await ProbedAsync(routed, () => new DockerTarget(options).DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests")
        {
            Analyse = (context, ct) => Task.FromResult(Record(analysed, context)),
        }));

        // The deploy returned at the pause: the canary keeps its 10 %, no analysis ran yet, nothing failed.
        AssertNoFailure(held.Probes, "the deploy up to the hold", routed);
        Assert.Empty(analysed);
        Assert.Equal((ReleasePhase.Held, 2, 10.0), (held.Result.Phase, held.Result.Record.CanaryStep, held.Result.Record.CanaryWeight));
        Assert.Equal((252, 28), Weights(await routed.StateAsync(), first.ReleaseId, held.Result.ReleaseId));

        // Later calls (a new process would do the same: the ledger and the router are all it reads) leave the hold alone.
        var later = new DockerTarget(options);
        var status = await ProbedAsync(routed, () => later.StatusAsync());
        AssertNoFailure(status.Probes, "a status over the held canary", routed);
        Assert.Empty(status.Result.Recovered);
        Assert.Equal((held.Result.ReleaseId, ReleasePhase.Held), (status.Result.Current!.ReleaseId, status.Result.Current.Phase));
        Assert.Contains(status.Probes, p => p.Backend == "2.0.0");
        Assert.Contains(status.Probes, p => p.Backend == "1.0.0");
        var deploy = await Assert.ThrowsAsync<DeployTargetException>(() => later.DeployAsync(new DeployRequest(v3.Reference, "3.0.0", "c3", "tests")));
        Assert.Equal(DeployErrorKind.WrongPhase, deploy.Kind);
        Assert.Contains("held at step 2 (10%) awaiting approval", deploy.Message, StringComparison.Ordinal);
        var promote = await Assert.ThrowsAsync<DeployTargetException>(() => later.PromoteAsync(new PromoteRequest("someone", "Pass")));
        Assert.Equal(DeployErrorKind.WrongPhase, promote.Kind);
        Assert.Equal((252, 28), Weights(await routed.StateAsync(), first.ReleaseId, held.Result.ReleaseId));
        Assert.Equal(2, await new ContainerCount(stack).OfAsync("canary-held"));

        var resumed = await ProbedAsync(routed, () => later.ResumeCanaryAsync(new ResumeRequest("alice (CommandLineFlag)")
        {
            ReleaseId = held.Result.ReleaseId,
            Analyse = (context, ct) => Task.FromResult(Record(analysed, context)),
        }));

        AssertNoFailure(resumed.Probes, "the resume to all the traffic", routed);
        Assert.Equal("2.0.0", resumed.Probes[^1].Backend);
        Assert.Equal([3], analysed);
        var record = resumed.Result.Record;
        Assert.Equal((ReleasePhase.Healthy, 4, 100.0), (record.Phase, record.CanaryStep, record.CanaryWeight));
        Assert.Equal("step 3 at 10%: Pass", record.CanaryAnalyses);
        Assert.Equal((0, 256), Weights(await routed.StateAsync(), first.ReleaseId, record.ReleaseId));
        // Read back from the engine's labels: who approved the held step, and how.
        var ledger = (await later.StatusAsync()).History.Single(r => r.ReleaseId == record.ReleaseId);
        Assert.Equal("step 2 at 10%: alice (CommandLineFlag)", ledger.CanaryApprovals);

        var again = await Assert.ThrowsAsync<DeployTargetException>(() => later.ResumeCanaryAsync(new ResumeRequest("alice")));
        Assert.Equal(DeployErrorKind.WrongPhase, again.Kind);
    }

    [Fact]
    public async Task A_rollback_of_a_held_canary_takes_it_out_and_the_stable_release_serves_alone()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "canary-held-back", "1.0.0");
        var v2 = await TestImages.BuildAndPushAsync(stack, "canary-held-back", "2.0.0");
        await using var routed = await RoutedDockerStack.StartAsync(stack, "canary-held-back", 18490, ReleaseStrategy.Canary);
        var options = routed.Options with { Router = routed.Options.Router! with { CanarySteps = HeldAtTen } };
        var target = new DockerTarget(options);
        var first = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        var held = await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "c2", "tests") { Analyse = (_, _) => throw new InvalidOperationException("no analysis before the approval") });
        Assert.Equal(ReleasePhase.Held, held.Phase);

        var rolledBack = await ProbedAsync(routed, () => new DockerTarget(options).RollbackAsync(new RollbackRequest("not approved") { ExpectedReleaseId = held.ReleaseId }));

        AssertNoFailure(rolledBack.Probes, "the rollback of the held canary", routed);
        Assert.Equal(first.ReleaseId, rolledBack.Result.ReleaseId);
        Assert.Equal("1.0.0", rolledBack.Probes[^1].Backend);
        var status = await target.StatusAsync();
        Assert.Equal(first.ReleaseId, status.Current!.ReleaseId);
        Assert.Equal(ReleasePhase.RolledBack, status.History.Single(r => r.ReleaseId == held.ReleaseId).Phase);
        Assert.Equal([first.ReleaseId], (await routed.StateAsync()).Servers.Select(s => s.Name));
        Assert.Equal(1, await new ContainerCount(stack).OfAsync("canary-held-back"));
    }

    private static CanaryVerdict Record(List<int> analysed, CanaryAnalysisContext context)
    {
        lock (analysed) analysed.Add(context.Step);
        return new CanaryVerdict(true, "Pass", "the test's analysis");
    }

    private static (int Stable, int Canary) Weights(Shipgate.DeployTargets.Routing.BackendState state, string stable, string canary) =>
        (state.Find(stable)!.Weight, state.Find(canary)!.Weight);
}
