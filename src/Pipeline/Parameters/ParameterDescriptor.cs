using System.Reflection;

namespace Shipgate.Pipeline.Parameters;

/// <summary>One <see cref="ParameterAttribute">[Parameter]</see> member of a build class, as <c>--help</c> and the injector see it.</summary>
public sealed class ParameterDescriptor
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    // A get-only interface property: its value lives in the build's InjectedValues, its getter reads it with TryGetValue.
    private readonly bool _heldByBuild;

    internal ParameterDescriptor(MemberInfo member, ParameterAttribute attribute, bool isSecret)
    {
        Member = member;
        Description = attribute.Description;
        Separator = attribute.Separator;
        IsSecret = isSecret;
        Name = ParameterNames.ToKebabCase(attribute.Name ?? member.Name);
        (_field, _property, _heldByBuild) = ResolveStorage(member);
        MemberType = _field?.FieldType ?? _property!.PropertyType;
        IsArray = MemberType.IsArray;
        ElementType = IsArray ? MemberType.GetElementType()! : MemberType;
        ValueType = Nullable.GetUnderlyingType(ElementType) ?? ElementType;
        if (!ValueConverter.Supports(ValueType))
        {
            throw new ParameterException(
                $"Parameter '{Name}' ({member.DeclaringType?.Name}.{member.Name}) has type {MemberType.Name}, which parameters do not support; " +
                "use string, bool, an integer, double, decimal, an enum, TimeSpan, Uri, AbsolutePath, a nullable of one of these, or an array of them.");
        }
    }

    /// <summary>The field or property.</summary>
    public MemberInfo Member { get; }

    /// <summary>The kebab-case name: <c>fault-error-rate</c>; on the command line <c>--fault-error-rate</c>.</summary>
    public string Name { get; }

    /// <summary>The comparison key of <see cref="Name"/> (lower-case letters and digits).</summary>
    public string Key => ParameterNames.Normalize(Name);

    /// <summary>The member name, also accepted as a key in parameter files.</summary>
    public string MemberName => Member.Name;

    public string Description { get; }

    public bool IsSecret { get; }

    public string? Separator { get; }

    /// <summary>The declared type of the member, e.g. <c>int?</c> or <c>string[]</c>.</summary>
    public Type MemberType { get; }

    public bool IsArray { get; }

    /// <summary>The type of one element: the member type itself unless it is an array.</summary>
    public Type ElementType { get; }

    /// <summary>The element type without <see cref="Nullable{T}"/>: the type a single value converts to.</summary>
    public Type ValueType { get; }

    /// <summary>What a value looks like, for <c>--help</c>: "a duration such as 30s, …", "one of recreate, blue-green".</summary>
    public string ValueDescription => (IsArray ? "a list of: " : "") + ValueConverter.Describe(ValueType);

    /// <summary>Flags: a <c>bool</c> given with no value on the command line is <c>true</c>.</summary>
    public bool IsFlag => !IsArray && ValueType == typeof(bool);

    public object? GetValue(object build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return _field is not null ? _field.GetValue(build) : _property!.GetValue(build);
    }

    /// <summary>True for a parameter declared on an interface the build implements (a component's parameter).</summary>
    public bool IsDeclaredOnInterface => Member.DeclaringType?.IsInterface == true;

    /// <summary>
    /// Sets the member; <c>readonly</c> fields and get-only auto-properties included, as Nuke allows. A get-only
    /// interface property has no storage: the value goes to the build, where its getter's
    /// <see cref="IShipgateBuild.TryGetValue{T}"/> finds it.
    /// </summary>
    public void SetValue(object build, object? value)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (build is ShipgateBuild shipgateBuild)
            shipgateBuild.InjectedValues.Set(Member, value);
        else if (_heldByBuild)
            throw new ParameterException($"Parameter {Member.DeclaringType?.Name}.{Member.Name} is declared on an interface; only a ShipgateBuild can hold its value.");
        if (_heldByBuild)
            return;
        if (_field is not null)
            _field.SetValue(build, value);
        else
            _property!.SetValue(build, value);
    }

    public override string ToString() => $"--{Name}";

    private static (FieldInfo?, PropertyInfo?, bool HeldByBuild) ResolveStorage(MemberInfo member)
    {
        switch (member)
        {
            case FieldInfo field:
                return (field, null, false);
            case PropertyInfo { CanWrite: true } property:
                return (null, property, false);
            case PropertyInfo { DeclaringType.IsInterface: true, GetMethod.IsAbstract: true } property:
                throw new ParameterException(
                    $"Parameter {property.DeclaringType?.Name}.{property.Name} has no default implementation; " +
                    $"write it as {property.Name} => TryGetValue(() => {property.Name}) so the interface reads the injected value.");
            case PropertyInfo { DeclaringType.IsInterface: true } property:
                return (null, property, true);
            case PropertyInfo property:
                // A get-only auto-property is set through its compiler-generated backing field.
                var backing = property.DeclaringType!.GetField(
                    $"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
                return backing is not null
                    ? (backing, null, false)
                    : throw new ParameterException(
                        $"Parameter {property.DeclaringType.Name}.{property.Name} is a computed property with no setter; give it a setter or make it a field (only interface parameters read their value with TryGetValue).");
            default:
                throw new ArgumentException($"{member.Name} is neither a field nor a property.", nameof(member));
        }
    }
}
