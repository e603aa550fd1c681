using System.Text.RegularExpressions;

namespace Shipgate.Gates.Specs;

/// <summary>
/// Reads an error-rate gate's matcher (<c>code=~"5.."</c>, several comma-separated) for the labels it
/// needs: a series without such a label can never match, so a misspelt label name silently turns the
/// gate into "0 requests failed". Only matchers that cannot match an empty value count.
/// </summary>
public static partial class ErrorMatcher
{
    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*"(?<value>(?:[^"\\]|\\.)*)"|(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*'(?<value>(?:[^'\\]|\\.)*)'""")]
    private static partial Regex Matcher();

    /// <summary>The label names a series must carry for <paramref name="matcher"/> to select it, in order of appearance.</summary>
    public static IReadOnlyList<string> RequiredLabels(string matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return Matcher().Matches(matcher)
            .Where(m => !MatchesEmpty(m.Groups["op"].Value, Regex.Unescape(m.Groups["value"].Value)))
            .Select(m => m.Groups["name"].Value)
            .Where(name => name != "__name__")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The problem with <paramref name="matcher"/> given the label names the request metric really has,
    /// or null when every label it needs is there.
    /// </summary>
    public static string? Problem(string matcher, string metric, IReadOnlyCollection<string> labelNames)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        var missing = RequiredLabels(matcher).Where(l => !labelNames.Contains(l)).ToList();
        if (missing.Count == 0)
            return null;
        var names = missing.Count == 1 ? $"label '{missing[0]}'" : $"labels {string.Join(", ", missing.Select(l => $"'{l}'"))}";
        return $"the error matcher `{matcher}` needs {names}, which no series of {metric} has (its labels: {string.Join(", ", labelNames.Order(StringComparer.Ordinal))}): it can never match an error";
    }

    /// <summary>Whether the matcher selects a series that lacks the label (PromQL treats its value as empty).</summary>
    private static bool MatchesEmpty(string op, string value) => op switch
    {
        "=" => value.Length == 0,
        "!=" => value.Length > 0,
        "=~" => RegexMatchesEmpty(value) ?? false,
        _ => !(RegexMatchesEmpty(value) ?? true),
    };

    private static bool? RegexMatchesEmpty(string pattern)
    {
        try
        {
            // PromQL regexes are anchored at both ends.
            return Regex.IsMatch("", $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
