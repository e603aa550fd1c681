namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// A canary held at <c>pause: {}</c> through the build behind the embedded router, against the real engine and
/// HAProxy: Deploy ends there successfully with both versions answering, ResumeCanary without an approval is refused
/// before anything changes, and with one (<c>--approve</c>, the same mechanism as the production deploy's) the canary
/// takes all the traffic and the ledger names who approved.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class HeldCanaryReleaseTests(ReleaseStack stack)
{
    [Fact]
    public async Task A_held_canary_ends_the_deploy_with_both_versions_answering_and_goes_on_only_with_an_approval()
    {
        using var repository = new TestRepository(stack, "svc-held");
        var pidFile = Path.Combine(repository.Root, ".nuke", "temp", "stack", "router", "haproxy.pid");
        try
        {
            var first = await repository.DeployVersionAsync("held", "v1");
            Assert.True(first.ExitCode == 0, first.Output);

            var held = await repository.DeployVersionAsync("held", "v2");
            Assert.True(held.ExitCode == 0, held.Output);
            Assert.Contains("held at step 2 (10%), awaiting approval: run ResumeCanary --environment held", held.Output, StringComparison.Ordinal);
            Assert.Equal(["v1", "v2"], await AnswersAsync(repository));
            Assert.Equal("Held", repository.Ledger().GetProperty("current").GetProperty("phase").GetString());

            var refused = repository.Build("ResumeCanary", "--environment", "held", "--skip", "Verify");
            Assert.True(refused.ExitCode != 0, refused.Output);
            Assert.Contains("requires approval for 'held'", refused.Output, StringComparison.Ordinal);
            Assert.Matches(@"Current: +v2 \[Held\] .*canary step 2 at 10%", repository.Build("Status", "--environment", "held").Output);
            Assert.Equal(["v1", "v2"], await AnswersAsync(repository));

            var resumed = repository.Build("ResumeCanary", "--environment", "held", "--approve", "--skip", "Verify");
            Assert.True(resumed.ExitCode == 0, resumed.Output);
            Assert.Contains("Canary v2 resumed, approved by", resumed.Output, StringComparison.Ordinal);
            Assert.Equal(["v2"], await AnswersAsync(repository));
            // The ledger the run exports (a CI artifact) names who approved the held step, and how.
            Assert.Matches(@"^step 2 at 10%: \S+ \(CommandLineFlag\)$", repository.Ledger().GetProperty("current").GetProperty("canaryApprovals").GetString());
            Assert.Matches(@"Current: +v2 \[Healthy\] .*canary step 3 at 100%, canary approved step 2 at 10%: \S+ \(CommandLineFlag\)",
                repository.Build("Status", "--environment", "held").Output);
        }
        finally
        {
            await ReleaseStack.ScriptAsync("haproxy.sh", "stop", pidFile);
        }
    }

    /// <summary>The versions that answered 200 requests through the router (10 % is one in ten).</summary>
    private static async Task<IReadOnlyList<string>> AnswersAsync(TestRepository repository)
    {
        var answers = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
            answers.Add((await repository.GetAsync("version")).Trim());
        return [.. answers];
    }
}
