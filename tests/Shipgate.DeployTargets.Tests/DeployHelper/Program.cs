using Shipgate.DeployTargets;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Routing.Haproxy;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;

// Deploys one release and, when it reaches the phase named in PAUSE_AT, says so and hangs there, so the test can
// SIGKILL it at exactly that point. With --lease HOLDER it holds the release lease around everything ("leased" once
// taken, "released" before letting go); with --verify it begins the verification after the deploy ("verifying").
// A refusal prints "REFUSED <kind>: <message>" and exits 3.
// With --router SOCKET STRATEGY the target deploys behind that HAProxy (backend SERVICE) with the strategy; --replicas N
// sets a Swarm service's replicas (4 by default); --baseline makes a Docker canary run a concurrent baseline and one
// analysis (that passes) at 10 %, and --held then holds it there until approved.
// usage: DeployHelper docker|swarm SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT [--lease HOLDER] [--verify] [--verify-next] [--router SOCKET STRATEGY] [--replicas N] [--baseline [--held]]
if (args.Length < 7 || args[0] is not ("docker" or "swarm"))
{
    Console.Error.WriteLine("usage: DeployHelper docker|swarm SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT [--lease HOLDER] [--verify] [--verify-next]");
    return 2;
}
var (service, environment, image, version, pauseAt) = (args[1], args[2], args[4], args[5], args[6]);
var port = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var options = args[7..];
var leaseIndex = Array.IndexOf(options, "--lease");
var holder = leaseIndex >= 0 ? options[leaseIndex + 1] : null;
var verify = options.Contains("--verify");
var verifyNext = options.Contains("--verify-next");
var routerIndex = Array.IndexOf(options, "--router");
var baseline = options.Contains("--baseline");
var router = routerIndex < 0 ? null
    : new DockerRouterOptions(RuntimeApiEndpoint.Parse(options[routerIndex + 1]), service)
    {
        Strategy = ReleaseStrategies.Parse(options[routerIndex + 2])!.Value,
        // The tolerant checks of the tests' RoutedDockerStack (a loaded machine).
        HealthCheck = new HaproxyHealthCheck("/health", IntervalMilliseconds: 1000, Fall: 3, Rise: 1),
        // A canary without analysis (the helper has no gates): 10 %, then all the traffic; kill it at canary-10.
        CanarySteps = (baseline, options.Contains("--held")) switch
        {
            (true, true) => [new CanaryStep.SetWeight(10), new CanaryStep.Analysis(), new CanaryStep.PauseUntilApproved(), new CanaryStep.Analysis()],
            (true, false) => [new CanaryStep.SetWeight(10), new CanaryStep.Analysis(), new CanaryStep.SetWeight(100)],
            _ => [new CanaryStep.SetWeight(10), new CanaryStep.SetWeight(100)],
        },
        CanaryBaseline = baseline ? CanaryBaseline.Concurrent : CanaryBaseline.Stable,
    };

void Pause(string phase)
{
    if (phase != pauseAt) return;
    Console.WriteLine($"PAUSED {phase}");
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}

IDeployTarget target;
if (args[0] == "docker")
{
    var docker = new DockerTarget(new DockerTargetOptions(service, environment, port)
    {
        HealthUrl = new Uri($"http://127.0.0.1:{port}/health"),
        HealthTimeout = TimeSpan.FromSeconds(20),
        Router = router,
    });
    docker.PhaseReached += Pause;
    target = docker;
}
else
{
    var replicasIndex = Array.IndexOf(options, "--replicas");
    var swarm = new DockerSwarmTarget(new SwarmTargetOptions(service, environment, port)
    {
        HealthTimeout = TimeSpan.FromSeconds(60),
        Router = router,
        Replicas = replicasIndex < 0 ? 4 : int.Parse(options[replicasIndex + 1], System.Globalization.CultureInfo.InvariantCulture),
    });
    swarm.PhaseReached += Pause;
    target = swarm;
}

try
{
    var lease = holder is null ? null : await target.AcquireReleaseLeaseAsync(holder);
    if (lease is not null) Pause("leased");
    var release = await target.DeployAsync(new DeployRequest(image, version, "helper", "deploy-helper")
    {
        Force = true,
        VerifyNext = verifyNext,
        Analyse = baseline ? (_, _) => Task.FromResult(new CanaryVerdict(true, "Pass", "the helper's analysis always passes")) : null,
    });
    Console.WriteLine($"RELEASE {release.ReleaseId}");
    if (verify)
    {
        await target.BeginVerificationAsync(release.ReleaseId);
        Pause("verifying");
    }
    if (lease is not null)
    {
        Pause("released");
        await lease.DisposeAsync();
    }
}
catch (DeployTargetException e)
{
    Console.WriteLine($"REFUSED {e.Kind}: {e.Message}");
    return 3;
}
Console.WriteLine("DONE");
return 0;
