using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelService.Tests;

/// <summary>A minimal reader of the Prometheus text exposition format, enough to assert on samples.</summary>
internal static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(ParseLine)
            .ToList();

    public static IEnumerable<Sample> Named(this IEnumerable<Sample> samples, string name) =>
        samples.Where(s => s.Name == name);

    public static double Single(this IEnumerable<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Named(name).Single(s => labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Value;

    public static string? TypeOf(string text, string name) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal))?.Split(' ')[3];

    private static Sample ParseLine(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Not a sample line: {line}");
        }

        var labels = LabelPair().Matches(match.Groups["labels"].Value)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
        var value = match.Groups["value"].Value switch
        {
            "+Inf" => double.PositiveInfinity,
            var v => double.Parse(v, CultureInfo.InvariantCulture),
        };
        return new Sample(match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LabelPair();
}
