using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.Bench.DeployTargets;

/// <summary>
/// A 4-replica service with the same update settings on both sides (parallelism 2, delay 0, monitor 2 s, stop-first,
/// rollback all at once): Shipgate on ports 18061-18064, the CLI on 18071-18074.
/// </summary>
internal sealed class SwarmScenario(StackFixture stack, PushedImage v1, PushedImage v2)
{
    private const int TargetBase = 18060;
    private const int CliBase = 18070;
    private const string CliService = "bench-cli-swarm";

    public async Task<IReadOnlyList<Comparison>> RunAsync(int runs)
    {
        await stack.ForgetServiceAsync("bench", "swarm");
        await Cli.TryDockerAsync("service", "rm", CliService);
        var target = new DockerSwarmTarget(new SwarmTargetOptions("bench", "swarm", TargetBase) { HealthTimeout = TimeSpan.FromSeconds(90) });
        await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "bench", "bench"));
        await Cli.DockerAsync("service", "create", "--name", CliService, "--replicas", "4", "--network", "host", "--detach=false", "--quiet",
            "-e", $"PORT={CliBase}", "-e", "SHIPGATE_TASK_SLOT={{.Task.Slot}}",
            "--update-parallelism", "2", "--update-delay", "0s", "--update-monitor", "2s", "--update-failure-action", "rollback", "--update-order", "stop-first",
            "--rollback-parallelism", "0", "--rollback-monitor", "2s", "--stop-grace-period", "2s", "--restart-delay", "1s", v1.Reference);
        var targetPorts = Ports(TargetBase);
        var cliPorts = Ports(CliBase);
        await Serving.WaitForAsync("1.0.0", cliPorts);

        var (deploy, rollback, cliDeploy, cliRollback) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
        for (var run = 0; run < runs; run++)
        {
            deploy.Add(await Serving.TimeAsync(async () =>
            {
                await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "bench", "bench") { Force = true });
                await Serving.WaitForAsync("2.0.0", targetPorts);
            }));
            rollback.Add(await Serving.TimeAsync(async () =>
            {
                await target.RollbackAsync("benchmark");
                await Serving.WaitForAsync("1.0.0", targetPorts);
            }));
            cliDeploy.Add(await Serving.TimeAsync(async () =>
            {
                await Cli.DockerAsync("service", "update", "--detach=false", "--quiet", "--image", v2.Reference, CliService);
                await Serving.WaitForAsync("2.0.0", cliPorts);
            }));
            cliRollback.Add(await Serving.TimeAsync(async () =>
            {
                await Cli.DockerAsync("service", "rollback", "--detach=false", "--quiet", CliService);
                await Serving.WaitForAsync("1.0.0", cliPorts);
            }));
            Console.WriteLine($"swarm run {run + 1}: deploy {deploy[^1].TotalMilliseconds:0} ms (cli {cliDeploy[^1].TotalMilliseconds:0}), " +
                              $"rollback {rollback[^1].TotalMilliseconds:0} ms (cli {cliRollback[^1].TotalMilliseconds:0})");
        }
        await stack.ForgetServiceAsync("bench", "swarm");
        await Cli.TryDockerAsync("service", "rm", CliService);
        return [new("Swarm ×4: pushed → new version healthy", deploy, cliDeploy), new("Swarm ×4: rollback → previous version serving", rollback, cliRollback)];
    }

    private static int[] Ports(int basePort) => [.. Enumerable.Range(1, 4).Select(slot => basePort + slot)];
}
