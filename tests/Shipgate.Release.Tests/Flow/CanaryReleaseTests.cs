namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// <c>--strategy canary</c> through the build (Deploy) behind the embedded router, against the real engine, HAProxy and
/// Prometheus: each analysis step runs the gates file, and a step that cannot pass takes the canary out while the
/// stable release keeps serving; Status shows the steps.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class CanaryReleaseTests(ReleaseStack stack)
{
    [Fact]
    public async Task A_canary_whose_first_analysis_cannot_pass_is_taken_out_and_the_stable_release_keeps_serving()
    {
        using var repository = new TestRepository(stack, "svc-canary");
        var pidFile = Path.Combine(repository.Root, ".nuke", "temp", "stack", "router", "haproxy.pid");
        try
        {
            // Nothing serves before the first release: it has no one to protect and takes the traffic at once.
            var first = await repository.DeployVersionAsync("routed", "v1", "--strategy", "canary");
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Equal("v1", await repository.GetAsync("version"));

            // The tiny service exports no metrics: the gates cannot pass at the first analysis (10 %), so the canary goes.
            var canary = await repository.DeployVersionAsync("routed", "v2", "--strategy", "canary");
            Assert.True(canary.ExitCode != 0, canary.Output);
            Assert.Matches(@"the canary's analysis at step 2 \(10% of the traffic\) did not pass \(\w+\)", canary.Output);
            Assert.Contains("Canary step 2 at 10%:", canary.Output, StringComparison.Ordinal);
            Assert.Equal("v1", await repository.GetAsync("version"));

            var status = repository.Build("Status", "--environment", "routed").Output;
            Assert.Matches(@"Current: +v1 \[", status);
            Assert.Matches(@"v2 \[RolledBack\] .*, canary \(added\), canary step 2 at 0% \(step 2 at 10%: \w+\)", status);
        }
        finally
        {
            await ReleaseStack.ScriptAsync("haproxy.sh", "stop", pidFile);
        }
    }

    [Fact]
    public async Task A_canary_with_a_concurrent_baseline_is_analysed_against_it_and_leaves_no_baseline_behind()
    {
        using var repository = new TestRepository(stack, "svc-baselined");
        var pidFile = Path.Combine(repository.Root, ".nuke", "temp", "stack", "router", "haproxy.pid");
        try
        {
            var first = await repository.DeployVersionAsync("baselined", "v1", "--strategy", "canary");
            Assert.True(first.ExitCode == 0, first.Output);

            // The environment asks for a concurrent baseline: the analysis at 10 % compares v2 with a fresh container of v1's
            // image under its own label (no metrics here, so it cannot pass), and both leave.
            var canary = await repository.DeployVersionAsync("baselined", "v2", "--strategy", "canary");
            Assert.True(canary.ExitCode != 0, canary.Output);
            Assert.Matches(@"against v1-baseline-[0-9a-f]{6} \(a concurrent baseline of the stable image at the same weight\)", canary.Output);
            Assert.Matches(@"Canary step 2 at 10% against v1-baseline-[0-9a-f]{6}: ", canary.Output);
            Assert.Equal("v1", await repository.GetAsync("version"));

            var status = repository.Build("Status", "--environment", "baselined").Output;
            Assert.Matches(@"v2 \[RolledBack\] .*\(step 2 at 10% against v1-baseline-[0-9a-f]{6}: \w+\)", status);
            using var engine = Shipgate.DeployTargets.Engine.EngineConnection.Local.CreateClient();
            var containers = await engine.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["io.shipgate.service=svc-baselined"] = true, ["io.shipgate.kind=release"] = true } },
            });
            Assert.Equal(["v1"], containers.Select(c => c.Labels["io.shipgate.version"]));
        }
        finally
        {
            await ReleaseStack.ScriptAsync("haproxy.sh", "stop", pidFile);
        }
    }
}
