namespace Shipgate.Release.Tests.Flow;

/// <summary>
/// The approvals are required from the service's environments file before any target runs; an environment that needs
/// one only in a file given with <c>--environments-file</c> is refused there, never deployed or resumed unapproved.
/// </summary>
[Collection(ReleaseStackCollection.Name)]
public sealed class ApprovalFromAnotherFileTests(ReleaseStack stack)
{
    [Theory]
    [InlineData("Deploy", "approvers: [release-managers]")]
    [InlineData("ResumeCanary", "router: { embedded: true }\n    strategy: canary\n    canary: { steps: [ { setWeight: 10 }, { pause: {} } ] }")]
    public void An_environment_that_needs_an_approval_only_in_another_file_is_refused_before_any_target_runs(string target, string needs)
    {
        using var repository = new TestRepository(stack, "svc-other-file");
        File.WriteAllText(Path.Combine(repository.Root, "other.yaml"), $"environments:\n  elsewhere:\n    local: true\n    {needs}\n");

        var run = repository.Build(target, "--environments-file", "other.yaml", "--environment", "elsewhere", "--version", "v2", "--approve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("environment 'elsewhere' in other.yaml needs a release manager's approval, which is asked for from the service's environments file (environments.yaml) only",
            run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("═══ Up", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "artifacts", "image")), run.Output);
    }
}
