using System.Reflection;
using Shipgate.Pipeline.Components;
using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Which <see cref="Target"/> properties a build has, under which names, in listing order: first those of the
/// interfaces it implements (components; base interfaces first, then as the class declares them), then the
/// classes' own, base class first, each in source order.
/// </summary>
/// <remarks>
/// A component's target is read through its interface property, so the runtime picks the most specific
/// implementation: the class's (<c>Target IReleaseTargets.Deploy =&gt; …</c>, or a public <c>Target Deploy</c>),
/// else a derived interface's, else the default. Such an implementation replaces the target; it is not a second one.
/// </remarks>
internal static class TargetDeclarations
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <param name="Name">The target's name: the property's name, without the interface of an explicit implementation.</param>
    /// <param name="Property">The property to read the target from (on an interface: dispatched to the implementation).</param>
    /// <param name="Implementation">The getter that runs; two declarations with the same one are the same target.</param>
    public sealed record Declaration(string Name, PropertyInfo Property, MethodInfo Implementation);

    public static IReadOnlyList<Declaration> Of(Type buildType)
    {
        var declarations = new List<Declaration>();
        foreach (var component in ComponentInterfaces.Of(buildType))
        {
            var map = buildType.GetInterfaceMap(component);
            foreach (var property in TargetProperties(component).Where(property => !IsExplicitImplementation(property)))
            {
                var getter = property.GetMethod!;
                var index = Array.IndexOf(map.InterfaceMethods, getter);
                // Non-virtual interface members (private, sealed) are not in the map: they are their own implementation.
                Add(declarations, new Declaration(property.Name, property, index >= 0 ? map.TargetMethods[index] : getter));
            }
        }

        var implementations = declarations.Select(declaration => Key(declaration.Implementation)).ToHashSet();
        foreach (var property in BaseClassFirst(buildType).SelectMany(TargetProperties))
        {
            var getter = property.GetMethod!;
            // Implements a component's target (explicitly or by a public property), or overrides a base class's
            // virtual target: already listed where it was declared first.
            if (implementations.Contains(Key(getter)) || getter.GetBaseDefinition().DeclaringType != getter.DeclaringType)
                continue;
            Add(declarations, new Declaration(TargetName(property), property, getter));
        }

        return declarations;
    }

    private static void Add(List<Declaration> declarations, Declaration declaration)
    {
        var same = declarations.FirstOrDefault(existing => string.Equals(existing.Name, declaration.Name, StringComparison.OrdinalIgnoreCase));
        if (same is null)
        {
            declarations.Add(declaration);
            return;
        }

        // One public class property can implement the same target of two interfaces: that is one target.
        if (Key(same.Implementation) == Key(declaration.Implementation))
            return;
        var first = ComponentInterfaces.Describe(same.Property);
        var second = ComponentInterfaces.Describe(declaration.Property);
        var fix = (same.Property.DeclaringType!.IsInterface, declaration.Property.DeclaringType!.IsInterface) switch
        {
            (true, true) => $"implement it once in the build class (public Target {declaration.Name} => ...) to say which one runs",
            (true, false) => $"to replace the component's target, implement it explicitly (Target {same.Property.DeclaringType.Name}.{declaration.Name} => ...)",
            _ => "to replace a base class's target, make it virtual and override it",
        };
        throw new PlanningException($"Target '{declaration.Name}' is declared by both {first} and {second}; {fix}.");
    }

    // The same method reached through different types is a different MethodInfo (its ReflectedType differs).
    private static (Module, int) Key(MethodInfo method) => (method.Module, method.MetadataToken);

    private static IEnumerable<PropertyInfo> TargetProperties(Type type) =>
        type.GetProperties(Members)
            .Where(property => property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0 && property.GetMethod is not null)
            .OrderBy(property => property.MetadataToken);

    // An explicit implementation is named after its interface: "Shipgate.Release.IReleaseTargets.Deploy".
    private static bool IsExplicitImplementation(PropertyInfo property) => property.Name.Contains('.', StringComparison.Ordinal);

    private static string TargetName(PropertyInfo property) => property.Name[(property.Name.LastIndexOf('.') + 1)..];

    private static IEnumerable<Type> BaseClassFirst(Type type)
    {
        var chain = new List<Type>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            chain.Insert(0, current);
        return chain;
    }
}
