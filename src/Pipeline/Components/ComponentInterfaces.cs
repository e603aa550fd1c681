namespace Shipgate.Pipeline.Components;

/// <summary>
/// The interfaces a build class implements, in the order their targets and parameters are listed: each
/// interface after its base interfaces, otherwise in the order the class declares them.
/// </summary>
internal static class ComponentInterfaces
{
    public static IReadOnlyList<Type> Of(Type buildType)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        var ordered = new List<Type>();
        // Type.GetInterfaces follows the metadata, which lists the interfaces as the class declares them;
        // the visit puts base interfaces first.
        void Visit(Type type)
        {
            if (ordered.Contains(type))
                return;
            foreach (var baseInterface in type.GetInterfaces())
                Visit(baseInterface);
            ordered.Add(type);
        }

        foreach (var type in buildType.GetInterfaces())
            Visit(type);
        return ordered;
    }

    /// <summary><c>IReleaseTargets.Deploy</c>, <c>Build.Test</c>: a member as error messages name it.</summary>
    public static string Describe(System.Reflection.MemberInfo member) => $"{member.DeclaringType?.Name}.{member.Name}";
}
