using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Something a target needs before the first target runs: a parameter with a value, or a condition.
/// <see cref="Describe"/> names the parameter (<c>--environment</c>) or quotes the expression.
/// </summary>
internal sealed record Requirement(string Describe, Func<bool> IsMet)
{
    public static Requirement ForCondition(Func<bool> condition, string expression) =>
        new($"condition '{expression}'", condition);

    public static Requirement ForParameter<T>(Expression<Func<T>> parameter)
    {
        var getter = parameter.Compile();
        var describe = parameter.Body is MemberExpression { Member: var member }
            ? $"parameter '--{ParameterNames.ToKebabCase(NameOf(member))}'"
            : $"value '{parameter.Body}'";
        return new Requirement(describe, () => HasValue(getter()));
    }

    private static string NameOf(MemberInfo member) =>
        member.GetCustomAttribute<ParameterAttribute>()?.Name ?? member.Name;

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string text => !string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count > 0,
        _ => true,
    };
}
