using System.Text.Json;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Yaml;

/// <summary>
/// deploy/gates.schema.json (for editors) and the loader must agree on the keys of every gate kind. The
/// loader's own list comes from its unknown-key error, so a key added to one and not the other fails here.
/// </summary>
public class GatesSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "gates.schema.json"))).RootElement;

    public static TheoryData<string, string> Kinds => new()
    {
        { "threshold", "query: up, max: 1" },
        { "errorRate", "metric: m, max: 0.1" },
        { "latencyQuantile", "metric: m, quantile: 0.9, max: 1" },
        { "relativeToBaseline", "query: up, maxIncreasePercent: 10" },
        { "compare", "query: up" },
        { "drift", "metric: m" },
        { "alerts", "labels: {service: x}" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_schema_and_the_loader_know_the_same_keys_for_each_kind(string kind, string required)
    {
        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse($"gates:\n  - {{name: a, kind: {kind}, {required}, zzz: 1}}", "g.yaml"));
        var known = e.Problem[(e.Problem.IndexOf("(known: ", StringComparison.Ordinal) + 8)..].TrimEnd(')').Split(", ").ToHashSet();

        Assert.Equal(known.Order(StringComparer.Ordinal), SchemaKeys(kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_and_the_loader_know_the_same_top_level_and_default_keys()
    {
        var top = Assert.Throws<GatesFileException>(() => GatesFile.Parse("zzz: 1\ngates: []", "g.yaml")).Problem;
        var known = top[(top.IndexOf("(known: ", StringComparison.Ordinal) + 8)..].TrimEnd(')').Split(", ");
        Assert.Contains("scrapeSelector", known);
        Assert.Equal(known.Order(StringComparer.Ordinal), Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var defaults = Assert.Throws<GatesFileException>(() => GatesFile.Parse("defaults: {zzz: 1}\ngates: []", "g.yaml")).Problem;
        Assert.All(CommonKeys(), key => Assert.Contains(key, defaults, StringComparison.Ordinal));
    }

    private static IEnumerable<string> CommonKeys() =>
        Schema.GetProperty("$defs").GetProperty("common").GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static HashSet<string> SchemaKeys(string kind)
    {
        var branch = Schema.GetProperty("$defs").GetProperty("gate").GetProperty("oneOf").EnumerateArray()
            .Single(b => b.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString() == kind);
        return [.. branch.GetProperty("properties").EnumerateObject().Select(p => p.Name), .. CommonKeys(), "name"];
    }
}
