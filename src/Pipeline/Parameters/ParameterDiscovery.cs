using System.Reflection;
using Shipgate.Pipeline.Components;

namespace Shipgate.Pipeline.Parameters;

/// <summary>Finds the <see cref="ParameterAttribute">[Parameter]</see> members of a build class.</summary>
public static class ParameterDiscovery
{
    private const BindingFlags Members =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>
    /// The parameters in declaration order: first those of the interfaces the class implements (components,
    /// base interfaces first), then base classes' before the class's own. Two members whose names normalise
    /// to the same key (<c>FaultErrorRate</c> and <c>fault_error_rate</c>, a class's and an interface's), and
    /// static members, are errors.
    /// </summary>
    public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        var result = new List<ParameterDescriptor>();
        foreach (var type in ComponentInterfaces.Of(buildType).Concat(BaseFirst(buildType)))
        {
            var declared = type.GetMembers(Members)
                .Where(m => m is FieldInfo or PropertyInfo)
                .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
                .Where(x => x.Attribute is not null)
                .OrderBy(x => x.Attribute!.DeclarationLine)
                .ThenBy(x => x.Member.MetadataToken);
            foreach (var (member, attribute) in declared)
            {
                if (IsStatic(member))
                    throw new ParameterException($"Parameter {type.Name}.{member.Name} is static; parameters are instance fields or properties.");
                if (type.IsInterface && member is PropertyInfo { CanWrite: false } && !typeof(ShipgateBuild).IsAssignableFrom(buildType))
                    throw new ParameterException($"Parameter {type.Name}.{member.Name} is declared on an interface; only a ShipgateBuild can hold its value, and {buildType.Name} is not one.");
                var descriptor = new ParameterDescriptor(member, attribute!, member.IsDefined(typeof(SecretAttribute), inherit: true));
                var clash = result.FirstOrDefault(p => p.Key == descriptor.Key);
                if (clash is not null)
                {
                    throw new ParameterException(
                        $"Parameters {clash.Member.DeclaringType?.Name}.{clash.MemberName} and {type.Name}.{member.Name} share the name '--{descriptor.Name}'.");
                }

                result.Add(descriptor);
            }
        }

        return result;
    }

    private static IEnumerable<Type> BaseFirst(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            chain.Push(t);
        return chain;
    }

    private static bool IsStatic(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsStatic,
        PropertyInfo p => (p.GetMethod ?? p.SetMethod)!.IsStatic,
        _ => false,
    };
}
