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
        new($"condition '{Condition.Readable(expression)}'", condition);

    public static Requirement ForParameter<T>(Expression<Func<T>> parameter)
    {
        var getter = parameter.Compile();
        // A lambda over a bool is a condition too: C# prefers this overload for it.
        var describe = ParameterExpressions.MemberOf(parameter) switch
        {
            { } member when member.GetCustomAttribute<ParameterAttribute>() is { } attribute =>
                $"parameter '--{ParameterNames.ToKebabCase(attribute.Name ?? member.Name)}'",
            { } member => $"condition '{member.Name}'",
            null => $"condition '{parameter.Body}'",
        };
        return new Requirement(describe, () => HasValue(getter()));
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        bool condition => condition,
        string text => !string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count > 0,
        _ => true,
    };
}
