using System.Reflection;

namespace Shipgate.Pipeline.Parameters;

/// <summary>One <see cref="ParameterAttribute">[Parameter]</see> member of a build class, as <c>--help</c> and the injector see it.</summary>
public sealed class ParameterDescriptor
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    internal ParameterDescriptor(MemberInfo member, ParameterAttribute attribute, bool isSecret)
    {
        Member = member;
        Description = attribute.Description;
        Separator = attribute.Separator;
        IsSecret = isSecret;
        Name = ParameterNames.ToKebabCase(attribute.Name ?? member.Name);
        (_field, _property) = ResolveStorage(member);
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

    /// <summary>Sets the member; <c>readonly</c> fields and get-only auto-properties included, as Nuke allows.</summary>
    public void SetValue(object build, object? value)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_field is not null)
            _field.SetValue(build, value);
        else
            _property!.SetValue(build, value);
    }

    public override string ToString() => $"--{Name}";

    private static (FieldInfo?, PropertyInfo?) ResolveStorage(MemberInfo member)
    {
        switch (member)
        {
            case FieldInfo field:
                return (field, null);
            case PropertyInfo { CanWrite: true } property:
                return (null, property);
            case PropertyInfo property:
                // A get-only auto-property is set through its compiler-generated backing field.
                var backing = property.DeclaringType!.GetField(
                    $"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
                return backing is not null
                    ? (backing, null)
                    : throw new ParameterException(
                        $"Parameter {property.DeclaringType.Name}.{property.Name} is a computed property with no setter; give it a setter or make it a field.");
            default:
                throw new ArgumentException($"{member.Name} is neither a field nor a property.", nameof(member));
        }
    }
}
