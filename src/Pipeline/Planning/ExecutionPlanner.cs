using Shipgate.Core.Text;
using Shipgate.Pipeline.CommandLine;

namespace Shipgate.Pipeline.Planning;

/// <summary>
/// A pure function from target definitions and a request to an ordered plan.
/// Order is topological; ties go to declaration order. Errors name the offending targets.
/// </summary>
public static class ExecutionPlanner
{
    public static ExecutionPlan Plan(IReadOnlyList<TargetNode> targets, PlanRequest request)
    {
        var index = IndexByName(targets);
        var predecessors = PredecessorMap(targets, index);
        ThrowOnCycles(Cycles(targets, predecessors));

        var invokedNames = request.Invoked.Count > 0
            ? request.Invoked
            : request.DefaultTarget is { } fallback ? [fallback] : throw new PlanningException("No target was given and the build has no default target.");
        var invoked = Resolve(invokedNames, targets, "target").ToHashSet(StringComparer.Ordinal);
        var skipped = Resolve(request.Skip ?? [], targets, "target to skip").ToHashSet(StringComparer.Ordinal);

        var included = PullIn(invoked, index);
        var order = TopologicalOrder(targets, included, predecessors);
        return new ExecutionPlan(order.Select(name => new PlannedTarget(
            name,
            invoked.Contains(name),
            SkipReason(name, invoked, skipped, request.SkipAllNonInvoked))).ToList());
    }

    /// <summary>
    /// Marks targets whose static condition is false as skipped, and — for skipped targets declared
    /// <c>WhenSkipped(DependencyBehavior.Skip)</c>, by a condition or by <c>--skip</c> — their dependencies
    /// that nothing running still needs.
    /// </summary>
    public static ExecutionPlan SkipStatically(
        ExecutionPlan plan,
        IReadOnlyList<TargetNode> targets,
        IReadOnlyDictionary<string, string> falseConditions)
    {
        var index = IndexByName(targets);
        var reasons = plan.Steps.ToDictionary(step => step.Name, step => step.SkipReason, StringComparer.Ordinal);
        foreach (var (name, condition) in falseConditions)
            if (reasons.ContainsKey(name))
                reasons[name] ??= $"condition '{condition}' is false";

        // Targets whose skip (by a false condition or by --skip) also skips what they pulled in:
        // declared WhenSkipped(Skip), then spread.
        var spreading = reasons.Where(pair => pair.Value is not null && index[pair.Key].SkippedBehavior == DependencyBehavior.Skip)
            .Select(pair => pair.Key)
            .ToHashSet(StringComparer.Ordinal);
        var invoked = plan.Steps.Where(step => step.Invoked).Select(step => step.Name).ToHashSet(StringComparer.Ordinal);

        bool changed;
        do
        {
            changed = false;
            foreach (var step in plan.Steps)
            {
                if (invoked.Contains(step.Name) || reasons[step.Name] is not null)
                    continue;
                var pullers = plan.Steps.Select(other => index[other.Name])
                    .Where(other => other.DependsOn.Contains(step.Name) || other.Triggers.Contains(step.Name))
                    .ToList();
                if (pullers.Count > 0 && pullers.All(other => spreading.Contains(other.Name)))
                {
                    reasons[step.Name] = $"only needed by skipped {string.Join(", ", pullers.Select(p => p.Name))}";
                    spreading.Add(step.Name);
                    changed = true;
                }
            }
        }
        while (changed);

        return new ExecutionPlan(plan.Steps.Select(step => step with { SkipReason = reasons[step.Name] }).ToList());
    }

    /// <summary>Every cycle among the relations, each as its members in declaration order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> FindCycles(IReadOnlyList<TargetNode> targets) =>
        Cycles(targets, PredecessorMap(targets, IndexByName(targets)));

    private static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyList<TargetNode> targets, Dictionary<string, HashSet<string>> predecessors)
    {
        var order = targets.Select((node, i) => (node.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return StronglyConnected(targets, node => predecessors[node.Name])
            .Where(component => component.Count > 1 || predecessors[component[0]].Contains(component[0]))
            .Select(component => (IReadOnlyList<string>)component.OrderBy(name => order[name]).ToList())
            .OrderBy(component => order[component[0]])
            .ToList();
    }

    /// <summary>Finds a target by a user's spelling: case-insensitive, dashes and underscores ignored.</summary>
    public static string? Match(string typed, IEnumerable<TargetNode> targets) =>
        targets.FirstOrDefault(node => ArgumentList.Normalize(node.Name) == ArgumentList.Normalize(typed))?.Name;

    private static IEnumerable<string> Resolve(IEnumerable<string> typedNames, IReadOnlyList<TargetNode> targets, string what)
    {
        var unknown = new List<string>();
        var resolved = new List<string>();
        foreach (var typed in typedNames)
        {
            if (Match(typed, targets) is { } name)
            {
                resolved.Add(name);
                continue;
            }

            var closest = Suggestions.Closest(typed, targets.Select(node => node.Name));
            unknown.Add(closest is not null
                ? $"Unknown {what} '{typed}'. Did you mean '{closest}'?"
                : $"Unknown {what} '{typed}'. Run --help to list the targets.");
        }

        return unknown.Count > 0 ? throw new PlanningException(string.Join(Environment.NewLine, unknown)) : resolved;
    }

    private static string? SkipReason(string name, HashSet<string> invoked, HashSet<string> skipped, bool skipAllNonInvoked) =>
        skipped.Contains(name) ? "--skip" :
        skipAllNonInvoked && !invoked.Contains(name) ? "--skip (not invoked)" :
        null;

    private static HashSet<string> PullIn(IEnumerable<string> invoked, Dictionary<string, TargetNode> index)
    {
        var included = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(invoked);
        while (pending.TryPop(out var name))
        {
            if (!included.Add(name))
                continue;
            foreach (var next in index[name].DependsOn.Concat(index[name].Triggers))
                pending.Push(next);
        }

        return included;
    }

    // Kahn's algorithm; among the targets ready to run, the one declared first goes first.
    private static List<string> TopologicalOrder(IReadOnlyList<TargetNode> targets, HashSet<string> included, Dictionary<string, HashSet<string>> predecessors)
    {
        var position = targets.Select((node, i) => (node.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var successors = included.ToDictionary(name => name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var name in included)
        {
            var before = predecessors[name].Where(included.Contains).ToList();
            waiting[name] = before.Count;
            foreach (var predecessor in before)
                successors[predecessor].Add(name);
        }

        var ready = new PriorityQueue<string, int>(included.Where(name => waiting[name] == 0).Select(name => (name, position[name])));
        var order = new List<string>(included.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var successor in successors[next])
                if (--waiting[successor] == 0)
                    ready.Enqueue(successor, position[successor]);
        }

        return order;
    }

    /// <summary>For each target, the targets that must come before it when both are planned.</summary>
    private static Dictionary<string, HashSet<string>> PredecessorMap(IReadOnlyList<TargetNode> targets, Dictionary<string, TargetNode> index)
    {
        var map = targets.ToDictionary(
            node => node.Name,
            node => node.DependsOn.Concat(node.After).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var node in targets)
            foreach (var triggered in node.Triggers)
                map[index[triggered].Name].Add(node.Name);
        return map;
    }

    private static void ThrowOnCycles(IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        if (cycles.Count > 0)
            throw new PlanningException("Circular relations between targets:" + string.Concat(
                cycles.Select(cycle => $"{Environment.NewLine}  {string.Join(" <-> ", cycle)}")));
    }

    private static Dictionary<string, TargetNode> IndexByName(IReadOnlyList<TargetNode> targets)
    {
        var duplicate = targets.GroupBy(node => node.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new PlanningException($"Two targets are named '{duplicate.Key}' (names are case-insensitive).");
        var index = targets.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var dangling = targets
            .SelectMany(node => node.DependsOn.Concat(node.After).Concat(node.Triggers).Select(other => (node.Name, other)))
            .Where(pair => !index.ContainsKey(pair.other))
            .Select(pair => $"Target '{pair.Name}' refers to '{pair.other}', which is not a target.")
            .ToList();
        return dangling.Count > 0 ? throw new PlanningException(string.Join(Environment.NewLine, dangling)) : index;
    }

    // Tarjan's strongly connected components, iterative so deep graphs cannot overflow the stack.
    private static List<List<string>> StronglyConnected(IReadOnlyList<TargetNode> targets, Func<TargetNode, IEnumerable<string>> edges)
    {
        var index = targets.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var number = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;

        foreach (var root in targets)
        {
            if (number.ContainsKey(root.Name))
                continue;
            var work = new Stack<(string Name, IEnumerator<string> Next)>();
            Enter(root.Name);
            while (work.Count > 0)
            {
                var (name, next) = work.Peek();
                if (next.MoveNext())
                {
                    var child = next.Current;
                    if (!number.ContainsKey(child))
                        Enter(child);
                    else if (onStack.Contains(child))
                        low[name] = Math.Min(low[name], number[child]);
                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                    low[work.Peek().Name] = Math.Min(low[work.Peek().Name], low[name]);
                if (low[name] != number[name])
                    continue;
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != name);
                components.Add(component);
            }

            void Enter(string name)
            {
                number[name] = low[name] = counter++;
                stack.Push(name);
                onStack.Add(name);
                work.Push((name, edges(index[name]).ToList().GetEnumerator()));
            }
        }

        return components;
    }
}
