using System.Reflection;

namespace Shipgate.Pipeline.Parameters;

/// <summary>
/// The values the injector gave a build's parameters, by member. Interface parameters have no field to hold
/// their value: their getter reads it from here through <see cref="IShipgateBuild.TryGetValue{T}"/>.
/// </summary>
internal sealed class InjectedValues
{
    // Keyed by module and metadata token: the same property reached through an expression tree and through
    // discovery may be different MemberInfo objects (their ReflectedType differs).
    private readonly Dictionary<(Module Module, int Token), object?> _values = [];

    public void Set(MemberInfo member, object? value) => _values[Key(member)] = value;

    public bool TryGet(MemberInfo member, out object? value) => _values.TryGetValue(Key(member), out value);

    private static (Module, int) Key(MemberInfo member) => (member.Module, member.MetadataToken);
}
