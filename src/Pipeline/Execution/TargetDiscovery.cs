using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Finds the <see cref="Target"/> properties of a build and of the components it implements
/// (<see cref="TargetDeclarations"/>), runs each definition once to record it, and resolves relation
/// delegates to target names.
/// </summary>
internal static class TargetDiscovery
{
    public static IReadOnlyList<ExecutableTarget> Discover(object build)
    {
        ArgumentNullException.ThrowIfNull(build);
        // A property getter returns an equal delegate each call (same method, same instance),
        // so the delegates passed to DependsOn(...) can be looked up by equality.
        var names = new Dictionary<Delegate, string>();
        var definitions = new List<(string Name, TargetDefinition Definition)>();
        foreach (var declaration in TargetDeclarations.Of(build.GetType()))
        {
            var target = (Target)declaration.Property.GetValue(build)!;
            names[target] = declaration.Name;
            var definition = new TargetDefinition(build, declaration.Name);
            target(definition);
            definitions.Add((declaration.Name, definition));
        }

        var problems = definitions.SelectMany(entry => entry.Definition.Problems).ToList();
        if (problems.Count > 0)
            throw new PlanningException(string.Join(Environment.NewLine, problems));
        return definitions.Select(entry => new ExecutableTarget(entry.Name, entry.Definition, ToNode(entry, definitions, names))).ToList();
    }

    private static TargetNode ToNode(
        (string Name, TargetDefinition Definition) target,
        List<(string Name, TargetDefinition Definition)> all,
        Dictionary<Delegate, string> names)
    {
        // Turn the reverse relations (DependentFor, Before, TriggeredBy) declared on *other* targets around.
        IEnumerable<string> Reverse(Func<TargetDefinition, List<Target>> relation) =>
            all.Where(other => relation(other.Definition).Any(t => NameOf(t, other.Name) == target.Name)).Select(other => other.Name);

        string NameOf(Target relation, string declaredOn) => names.TryGetValue(relation, out var name)
            ? name
            : throw new PlanningException($"Target '{declaredOn}' refers to a delegate that is not a Target property of the build.");

        var definition = target.Definition;
        return new TargetNode(
            target.Name,
            definition.DependsOnTargets.Select(t => NameOf(t, target.Name)).Concat(Reverse(d => d.DependentForTargets)).Distinct().ToList(),
            definition.AfterTargets.Select(t => NameOf(t, target.Name)).Concat(Reverse(d => d.BeforeTargets)).Distinct().ToList(),
            definition.TriggersTargets.Select(t => NameOf(t, target.Name)).Concat(Reverse(d => d.TriggeredByTargets)).Distinct().ToList(),
            definition.SkippedBehavior);
    }
}
