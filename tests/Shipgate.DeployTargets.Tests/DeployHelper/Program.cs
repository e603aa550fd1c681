using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Targets;

// Deploys one release and, when it reaches the phase named in argv[5], says so and hangs there, so the test can
// SIGKILL it at exactly that point.
// usage: DeployHelper SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: DeployHelper SERVICE ENVIRONMENT PORT IMAGE VERSION PAUSE_AT");
    return 2;
}
var port = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var target = new DockerTarget(new DockerTargetOptions(args[0], args[1], port)
{
    HealthUrl = new Uri($"http://127.0.0.1:{port}/health"),
    HealthTimeout = TimeSpan.FromSeconds(20),
});
target.PhaseReached += phase =>
{
    if (phase != args[5]) return;
    Console.WriteLine($"PAUSED {phase}");
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
};
await target.DeployAsync(new DeployRequest(args[3], args[4], "helper", "deploy-helper"));
Console.WriteLine("DONE");
return 0;
