using System.Text;
using Shipgate.Pipeline.CommandLine;

namespace Shipgate.Pipeline.Parameters;

/// <summary>How parameter names are spelled and compared.</summary>
public static class ParameterNames
{
    /// <summary>
    /// <c>FaultErrorRate</c> → <c>fault-error-rate</c>. A run of capitals is one word, whose last
    /// capital starts the next word when a lower-case letter follows: <c>PrometheusURL</c> →
    /// <c>prometheus-url</c>, <c>HTTPServerPort</c> → <c>http-server-port</c>. Digits stay with the word
    /// before them (<c>Http2Port</c> → <c>http2-port</c>); underscores and existing dashes separate words.
    /// Brand casing such as <c>GitHubToken</c> is two words by this rule (<c>git-hub-token</c>); use
    /// <see cref="ParameterAttribute.Name"/> to spell it otherwise.
    /// </summary>
    public static string ToKebabCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-' or ' ' or '.')
            {
                AppendDash(result);
                continue;
            }

            if (char.IsUpper(c) && i > 0 && StartsWord(name, i))
                AppendDash(result);
            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString().Trim('-');
    }

    /// <summary>The comparison key: lower-case letters and digits (the same rule as the command line).</summary>
    public static string Normalize(string name) => ArgumentList.Normalize(name);

    private static bool StartsWord(string name, int i)
    {
        var previous = name[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
            return true;
        // "URLPath": the 'P' begins "Path" because a lower-case letter follows it.
        return char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
    }

    private static void AppendDash(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '-')
            builder.Append('-');
    }
}
