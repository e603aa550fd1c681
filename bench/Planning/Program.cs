using System.Diagnostics;
using System.Globalization;
using Shipgate.Pipeline;
using Shipgate.Pipeline.Planning;

// A random acyclic graph: relations only point to earlier targets, split between DependsOn, After and Triggers
// (a trigger points forward so the graph stays acyclic). Seeded, so every run plans the same graph.
const int Targets = 1_000;
const int Relations = 5_000;
const int Runs = 30;

var random = new Random(20261123);
var dependsOn = Enumerable.Range(0, Targets).Select(_ => new HashSet<string>()).ToArray();
var after = Enumerable.Range(0, Targets).Select(_ => new HashSet<string>()).ToArray();
var triggers = Enumerable.Range(0, Targets).Select(_ => new HashSet<string>()).ToArray();
for (var added = 0; added < Relations;)
{
    var later = random.Next(1, Targets);
    var earlier = random.Next(0, later);
    var set = (added % 5) switch { < 3 => dependsOn[later], 3 => after[later], _ => triggers[earlier] };
    if (set.Add(Name(added % 5 == 4 ? later : earlier)))
        added++;
}

var nodes = Enumerable.Range(0, Targets)
    .Select(i => new TargetNode(Name(i), dependsOn[i].ToList(), after[i].ToList(), triggers[i].ToList(), DependencyBehavior.Execute))
    .ToList();
var request = new PlanRequest([Name(Targets - 1), Name(Targets / 2)], null);

ExecutionPlanner.Plan(nodes, request); // warm-up: JIT
var timings = new List<double>();
var planned = 0;
for (var run = 0; run < Runs; run++)
{
    var clock = Stopwatch.StartNew();
    planned = ExecutionPlanner.Plan(nodes, request).Steps.Count;
    timings.Add(clock.Elapsed.TotalMilliseconds);
}

timings.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"planning {Targets} targets / {Relations} relations ({planned} planned): median {timings[Runs / 2]:F1} ms, min {timings[0]:F1} ms, max {timings[^1]:F1} ms over {Runs} runs"));

static string Name(int i) => $"Target{i:D4}";
