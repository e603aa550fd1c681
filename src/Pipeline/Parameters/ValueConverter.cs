using System.Globalization;
using Shipgate.Core.Text;

namespace Shipgate.Pipeline.Parameters;

/// <summary>Turns one parameter value written as text into its typed value; pure apart from path resolution.</summary>
internal static partial class ValueConverter
{
    private static readonly Dictionary<Type, (Func<string, object?> Parse, string Expected)> Simple = new()
    {
        [typeof(string)] = (s => s, "text"),
        [typeof(bool)] = (ParseBool, "true/false, yes/no or 1/0"),
        [typeof(int)] = (s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, $"a whole number from {int.MinValue} to {int.MaxValue}"),
        [typeof(short)] = (s => short.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, $"a whole number from {short.MinValue} to {short.MaxValue}"),
        [typeof(uint)] = (s => uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null, $"a whole number from 0 to {uint.MaxValue}"),
        [typeof(ulong)] = (s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null, "a whole number from 0 (64-bit)"),
        [typeof(long)] = (s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, "a whole number (64-bit)"),
        [typeof(double)] = (s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null, "a number such as 0.05 (a dot before the decimals)"),
        [typeof(float)] = (s => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v) ? v : null, "a number such as 0.05 (a dot before the decimals)"),
        [typeof(decimal)] = (s => decimal.TryParse(s, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) ? v : null, "a number such as 0.05 (a dot before the decimals)"),
        [typeof(TimeSpan)] = (ParseDuration, "a duration such as 30s, 5m, 1h30m, 250ms or 00:05:00"),
        [typeof(Uri)] = (ParseAbsoluteUri, "an absolute URI with its scheme, such as http://127.0.0.1:9090"),
    };

    public static bool Supports(Type valueType) =>
        Simple.ContainsKey(valueType) || valueType.IsEnum || valueType == typeof(AbsolutePath);

    /// <summary>What a value of <paramref name="valueType"/> looks like, for <c>--help</c> and errors.</summary>
    public static string Describe(Type valueType)
    {
        Convert("", valueType, Path.GetTempPath(), out var expected);
        return expected;
    }

    /// <summary>Converts <paramref name="text"/> to <paramref name="valueType"/>; null and a description of what was expected when it cannot.</summary>
    public static object? Convert(string text, Type valueType, string rootDirectory, out string expected)
    {
        if (Simple.TryGetValue(valueType, out var simple))
        {
            expected = simple.Expected;
            return simple.Parse(valueType == typeof(string) ? text : text.Trim());
        }

        if (valueType.IsEnum)
        {
            var names = Enum.GetNames(valueType);
            expected = "one of " + string.Join(", ", names.Select(ParameterNames.ToKebabCase));
            var key = ParameterNames.Normalize(text);
            var match = names.FirstOrDefault(n => ParameterNames.Normalize(n) == key);
            return match is null || key.Length == 0 ? null : Enum.Parse(valueType, match);
        }

        if (valueType == typeof(AbsolutePath))
        {
            expected = "a file or directory path";
            try
            {
                return text.Length == 0 ? null : AbsolutePath.Create(text, rootDirectory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return null;
            }
        }

        throw new NotSupportedException($"Parameters of type {valueType} are not supported.");
    }

    private static object? ParseBool(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "1" or "ON" => true,
        "FALSE" or "NO" or "0" or "OFF" => false,
        _ => null,
    };

    private static object? ParseAbsoluteUri(string text)
    {
        // On Unix "/srv/x" parses as a file: URI and "localhost:9090" as scheme "localhost"; a parameter
        // URI must spell out "scheme://".
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && Uri.CheckSchemeName(text[..scheme]) && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    private static object? ParseDuration(string text) =>
        TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var exact) ? exact
        : PromDuration.TryParse(text, out var duration) ? duration
        : null;
}
