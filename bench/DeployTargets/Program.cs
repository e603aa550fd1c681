// Deploy-target benchmark: for the small offline service (busybox httpd), the time from "image pushed" to
// "new version healthy" and from "rollback asked" to "previous version serving", for Shipgate's Docker and Swarm
// targets and for the docker CLI doing the same steps, in the same run, on the same engine.
//
// Reproduce: dotnet run -c Release --project bench/DeployTargets -- --runs 7 --swarm-runs 3 --write docs/benchmarks.md
using System.Globalization;
using Shipgate.Bench.DeployTargets;
using Shipgate.DeployTargets.Tests.Stack;

var runs = Arguments.Int(args, "--runs", 7);
var swarmRuns = Arguments.Int(args, "--swarm-runs", 3);
var write = Arguments.String(args, "--write");

var stack = new StackFixture();
await stack.InitializeAsync();
await stack.EnsureSwarmAsync();
var v1 = await TestImages.BuildAndPushAsync(stack, "bench", "1.0.0");
var v2 = await TestImages.BuildAndPushAsync(stack, "bench", "2.0.0");
Console.WriteLine($"images pushed: {v1.Reference} and {v2.Reference}");

var results = new List<Comparison>();
if (runs > 0) results.AddRange(await new DockerScenario(stack, v1, v2).RunAsync(runs));
if (swarmRuns > 0) results.AddRange(await new SwarmScenario(stack, v1, v2).RunAsync(swarmRuns));

var report = await Report.MarkdownAsync(results, runs, swarmRuns);
Console.WriteLine(report);
if (write is not null)
{
    Report.ReplaceSection(write, report);
    Console.WriteLine($"wrote the Deploy targets section of {write}");
}
return 0;

internal static class Arguments
{
    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static string? String(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
