using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.Bench.DeployTargets;

/// <summary>
/// One container on host port 18090 (Shipgate) and 18091 (CLI). Deploy: stop v1, start v2, wait until v2 serves.
/// Rollback: remove v2, start the stopped v1, wait until v1 serves. The image is already on the engine in both cases.
/// </summary>
internal sealed class DockerScenario(StackFixture stack, PushedImage v1, PushedImage v2)
{
    private const int TargetPort = 18090;
    private const int CliPort = 18091;

    public async Task<IReadOnlyList<Comparison>> RunAsync(int runs)
    {
        await stack.ForgetServiceAsync("bench", "docker");
        await CleanCliAsync();
        var options = new DockerTargetOptions("bench", "docker", TargetPort)
        {
            HealthUrl = new Uri($"http://127.0.0.1:{TargetPort}/health"),
            HealthTimeout = TimeSpan.FromSeconds(30),
        };
        var target = new DockerTarget(options);
        await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "bench", "bench"));
        await Cli.DockerAsync(RunArgs("bench-cli-v1", v1.Reference));
        await Serving.WaitForAsync("1.0.0", CliPort);

        var (deploy, rollback, cliDeploy, cliRollback) = (new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>(), new List<TimeSpan>());
        for (var run = 0; run < runs; run++)
        {
            deploy.Add(await Serving.TimeAsync(async () =>
            {
                await target.DeployAsync(new DeployRequest(v2.Reference, "2.0.0", "bench", "bench") { Force = true });
                await Serving.WaitForAsync("2.0.0", TargetPort);
            }));
            rollback.Add(await Serving.TimeAsync(async () =>
            {
                await target.RollbackAsync("benchmark");
                await Serving.WaitForAsync("1.0.0", TargetPort);
            }));

            var name = $"bench-cli-v2-{run}";
            cliDeploy.Add(await Serving.TimeAsync(async () =>
            {
                await Cli.DockerAsync("stop", "bench-cli-v1");
                await Cli.DockerAsync(RunArgs(name, v2.Reference));
                await Serving.WaitForAsync("2.0.0", CliPort);
            }));
            cliRollback.Add(await Serving.TimeAsync(async () =>
            {
                await Cli.DockerAsync("rm", "-f", name);
                await Cli.DockerAsync("start", "bench-cli-v1");
                await Serving.WaitForAsync("1.0.0", CliPort);
            }));
            Console.WriteLine($"docker run {run + 1}: deploy {deploy[^1].TotalMilliseconds:0} ms (cli {cliDeploy[^1].TotalMilliseconds:0}), " +
                              $"rollback {rollback[^1].TotalMilliseconds:0} ms (cli {cliRollback[^1].TotalMilliseconds:0})");
        }
        await stack.ForgetServiceAsync("bench", "docker");
        await CleanCliAsync();
        return [new("Docker: pushed → new version healthy", deploy, cliDeploy), new("Docker: rollback → previous version serving", rollback, cliRollback)];
    }

    private static string[] RunArgs(string name, string image) =>
        ["run", "-d", "--name", name, "--network", "host", "--restart", "unless-stopped", "-e", $"PORT={CliPort}", "--label", "io.shipgate.bench=cli", image];

    private static async Task CleanCliAsync()
    {
        var ids = await Cli.DockerAsync("ps", "-aq", "--filter", "label=io.shipgate.bench=cli");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)) await Cli.TryDockerAsync("rm", "-f", id);
    }
}
