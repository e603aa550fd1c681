using Shipgate.DeployTargets.Targets;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Tests.Environments;

/// <summary><c>pause: {}</c> in an environment's canary steps: held until a release manager approves (ResumeCanary's approval).</summary>
public sealed class CanaryApprovalStepsTests
{
    private const string File = """
        environments:
          staging:
            local: true
            strategy: canary
            router: { socket: /run/haproxy/admin.sock }
            canary:
              steps:
                - setWeight: 10
                - pause: {}
                - setWeight: 50
                - pause:
                - analysis: {}
          production:
            local: true
            strategy: canary
            approvers: [release-managers, alice]
            router: { socket: /run/haproxy/admin.sock }
            canary:
              steps:
                - setWeight: 5
                - pause: {}
          timed:
            local: true
            approvers: [bob]
            router: { socket: /run/haproxy/admin.sock }
            canary:
              steps:
                - setWeight: 5
                - pause: { duration: 10s }
        """;

    [Fact]
    public void An_empty_pause_holds_until_approved_and_a_pause_with_a_duration_still_waits()
    {
        var environments = EnvironmentsFile.Parse(File, "environments.yaml", new Dictionary<string, string>());

        Assert.Equal<CanaryStep>(
            [new CanaryStep.SetWeight(10), new CanaryStep.PauseUntilApproved(), new CanaryStep.SetWeight(50), new CanaryStep.PauseUntilApproved(), new CanaryStep.Analysis()],
            environments["staging"].CanarySteps!);
        Assert.Equal<CanaryStep>([new CanaryStep.SetWeight(5), new CanaryStep.Pause(TimeSpan.FromSeconds(10))], environments["timed"].CanarySteps!);
    }

    [Fact]
    public void Only_environments_whose_canary_holds_until_approved_need_an_approval_to_resume_with_their_approvers()
    {
        var path = Path.Combine(Path.GetTempPath(), $"environments-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, File);
        try
        {
            var approvers = EnvironmentsFile.CanaryApprovers(path);

            Assert.Equal(["production", "staging"], approvers.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["release-managers", "alice"], approvers["production"]);
            // No approvers listed: anyone may approve, but someone must.
            Assert.Empty(approvers["staging"]);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
