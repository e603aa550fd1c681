using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;

// Deploys one release and, when it reaches the phase named in PAUSE_AT, says so and hangs there, so the test can
// SIGKILL it at exactly that point.
// usage: DeployHelper docker|swarm SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT
if (args.Length != 7 || args[0] is not ("docker" or "swarm"))
{
    Console.Error.WriteLine("usage: DeployHelper docker|swarm SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT");
    return 2;
}
var (service, environment, image, version, pauseAt) = (args[1], args[2], args[4], args[5], args[6]);
var port = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);

void Pause(string phase)
{
    if (phase != pauseAt) return;
    Console.WriteLine($"PAUSED {phase}");
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}

var request = new DeployRequest(image, version, "helper", "deploy-helper") { Force = true };
if (args[0] == "docker")
{
    var target = new DockerTarget(new DockerTargetOptions(service, environment, port)
    {
        HealthUrl = new Uri($"http://127.0.0.1:{port}/health"),
        HealthTimeout = TimeSpan.FromSeconds(20),
    });
    target.PhaseReached += Pause;
    await target.DeployAsync(request);
}
else
{
    var target = new DockerSwarmTarget(new SwarmTargetOptions(service, environment, port) { HealthTimeout = TimeSpan.FromSeconds(60) });
    target.PhaseReached += Pause;
    await target.DeployAsync(request);
}
Console.WriteLine("DONE");
return 0;
