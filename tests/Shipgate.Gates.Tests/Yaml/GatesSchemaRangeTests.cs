using System.Globalization;
using System.Text.Json;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Yaml;

/// <summary>
/// `lint` applies the schema: every range deploy/gates.schema.json states for a number (minimum, maximum, either
/// exclusive) and every duration it requires above zero is refused by the loader too, at the value's position.
/// A negative limit or a `0s` window that lint let through failed a healthy release later.
/// </summary>
public class GatesSchemaRangeTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "gates.schema.json"))).RootElement;

    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["threshold"] = "query: up, max: 1",
        ["errorRate"] = "metric: m, max: 0.1",
        ["latencyQuantile"] = "metric: m, quantile: 0.9, max: 1",
        ["relativeToBaseline"] = "query: up, maxIncreasePercent: 10",
        ["compare"] = "query: up",
        ["drift"] = "metric: m",
        ["alerts"] = "labels: {service: x}",
    };

    public static TheoryData<string, string, string> OutOfRange()
    {
        var data = new TheoryData<string, string, string>();
        var common = Schema.GetProperty("$defs").GetProperty("common").GetProperty("properties");
        foreach (var branch in Schema.GetProperty("$defs").GetProperty("gate").GetProperty("oneOf").EnumerateArray())
        {
            var kind = branch.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString()!;
            if (!Required.ContainsKey(kind))
                continue;
            foreach (var property in branch.GetProperty("properties").EnumerateObject().Concat(common.EnumerateObject()))
            {
                foreach (var bad in BadValues(Resolve(property.Value)))
                    data.Add(kind, property.Name, bad);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void A_value_the_schema_refuses_is_refused_by_the_loader_at_its_line(string kind, string key, string value)
    {
        var others = string.Join(", ", Required[kind].Split(", ").Where(p => !p.StartsWith(key + ":", StringComparison.Ordinal)));
        var yaml = $"gates:\n  - name: a\n    kind: {kind}\n    {others.Replace(", ", "\n    ", StringComparison.Ordinal)}\n    {key}: {value}\n";

        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse(yaml, "g.yaml"));
        Assert.True(e.Line >= 2, e.Message);
        Assert.DoesNotContain("not valid YAML", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("needs", e.Problem.Split(':')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_required_keys_alone_make_a_valid_gate_of_each_kind()
    {
        foreach (var (kind, required) in Required)
            Assert.Single(GatesFile.Parse($"gates:\n  - {{name: a, kind: {kind}, {required}}}\n", "g.yaml").Gates);
    }

    [Fact]
    public void A_zero_default_window_is_refused_at_its_position()
    {
        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse("defaults:\n  window: 0s\ngates:\n  - {name: a, kind: drift, metric: m}\n", "g.yaml"));
        Assert.Equal((2L, 11L), (e.Line, e.Column));
    }

    private static JsonElement Resolve(JsonElement property) =>
        property.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path && path.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? Schema.GetProperty("$defs").GetProperty(path["#/$defs/".Length..])
            : property;

    private static IEnumerable<string> BadValues(JsonElement property)
    {
        string N(double x) => x.ToString(CultureInfo.InvariantCulture);
        if (property.TryGetProperty("minimum", out var min))
            yield return N(min.GetDouble() - 1);
        if (property.TryGetProperty("exclusiveMinimum", out var xmin))
            yield return N(xmin.GetDouble());
        if (property.TryGetProperty("maximum", out var max))
            yield return N(max.GetDouble() + 1);
        if (property.TryGetProperty("exclusiveMaximum", out var xmax))
            yield return N(xmax.GetDouble());
        if (property.TryGetProperty("not", out _) && property.TryGetProperty("$ref", out var d) && d.GetString() == "#/$defs/duration")
            yield return "0s";
    }
}
