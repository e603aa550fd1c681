using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Something a target needs before the first target runs: a parameter with a value, a parameter with a valid value,
/// or a condition. <see cref="Problem"/> returns null when it holds, else what is missing: it names the parameter
/// (<c>--environment</c>) or quotes the expression.
/// </summary>
internal sealed record Requirement(Func<string?> Problem)
{
    public static Requirement ForCondition(Func<bool> condition, string expression) =>
        new(() => condition() ? null : $"condition '{Condition.Readable(expression)}'");

    public static Requirement ForParameter<T>(Expression<Func<T>> parameter)
    {
        var getter = parameter.Compile();
        // A lambda over a bool is a condition too: C# prefers this overload for it.
        var describe = ParameterExpressions.MemberOf(parameter) switch
        {
            { } member when ParameterOption(member) is { } option => $"parameter '{option}'",
            { } member => $"condition '{member.Name}'",
            null => $"condition '{parameter.Body}'",
        };
        return new(() => HasValue(getter()) ? null : describe);
    }

    /// <summary>The parameter's value (unless null: not given) must satisfy <paramref name="problem"/>: null when it does, else the rule it breaks.</summary>
    public static Requirement ForValidParameter<T>(Expression<Func<T>> parameter, Func<T, string?> problem)
    {
        var getter = parameter.Compile();
        var option = ParameterExpressions.MemberOf(parameter) is { } member && ParameterOption(member) is { } name
            ? name
            : throw new ArgumentException($"'{parameter.Body}' is not a parameter: give a member with [Parameter]", nameof(parameter));
        return new(() => getter() is { } value && problem(value) is { } rule ? $"a valid '{option}': {rule}" : null);
    }

    private static string? ParameterOption(MemberInfo member) =>
        member.GetCustomAttribute<ParameterAttribute>() is { } attribute ? $"--{ParameterNames.ToKebabCase(attribute.Name ?? member.Name)}" : null;

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        bool condition => condition,
        string text => !string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count > 0,
        _ => true,
    };
}
