using System.Text.RegularExpressions;

namespace Shipgate.Gates.Templates;

/// <summary>
/// Queries are templates over the release's labels: <c>{{service}}</c>, <c>{{version}}</c>,
/// <c>{{baseline_version}}</c>, <c>{{environment}}</c>, <c>{{window}}</c> and any <c>--set key=value</c>.
/// A variable without a value is an error, never an empty string.
/// </summary>
public static partial class QueryTemplate
{
    /// <summary>The variables every release provides (given or defaulted).</summary>
    public static IReadOnlyList<string> BuiltInVariables { get; } = ["service", "version", "baseline_version", "environment", "window"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{\{|\}\}")]
    private static partial Regex Braces();

    /// <summary>The variable names a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> Variables(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var withoutPlaceholders = Placeholder().Replace(template, "");
        if (Braces().Match(withoutPlaceholders) is { Success: true } stray)
            throw new TemplateException($"malformed placeholder near '{Excerpt(template, template.IndexOf(stray.Value, StringComparison.Ordinal))}': write {{{{name}}}} with a letter or _ first");
        return Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Throws when the template uses a variable outside <paramref name="known"/>.</summary>
    public static void CheckVariables(string template, IEnumerable<string> known)
    {
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        if (Variables(template).FirstOrDefault(v => !knownSet.Contains(v)) is { } unknown)
            throw new TemplateException($"unknown template variable '{{{{{unknown}}}}}'; known: {string.Join(", ", knownSet.Order(StringComparer.Ordinal))} (add others with --set {unknown}=VALUE)");
    }

    /// <summary>Replaces every placeholder; throws naming the first variable without a value.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var name in Variables(template))
        {
            if (!values.ContainsKey(name))
            {
                throw new TemplateException(QueryTemplate.BuiltInVariables.Contains(name)
                    ? $"template variable '{{{{{name}}}}}' has no value: give --{name.Replace('_', '-')} or --set {name}=VALUE"
                    : $"unknown template variable '{{{{{name}}}}}': give --set {name}=VALUE");
            }
        }

        return Placeholder().Replace(template, m => values[m.Groups[1].Value]);
    }

    private static string Excerpt(string text, int at) => text.Substring(Math.Max(0, at - 10), Math.Min(text.Length - Math.Max(0, at - 10), 24));
}
