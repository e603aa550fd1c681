using System.Text.Json;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Tests.Sequential;

/// <summary>deploy/gates.schema.json and the loader agree on the sequential kinds' keys and the 'sequential' section.</summary>
public class SequentialGatesSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "deploy", "gates.schema.json"))).RootElement;

    [Theory]
    [InlineData("sequentialErrorRate", "metric: m")]
    [InlineData("sequentialLatency", "metric: m, quantile: 0.95")]
    [InlineData("sequentialDrift", "metric: m")]
    public void The_schema_and_the_loader_know_the_same_keys_for_each_sequential_kind(string kind, string required)
    {
        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse($"gates:\n  - {{name: a, kind: {kind}, {required}, zzz: 1}}", "g.yaml"));
        var known = e.Problem[(e.Problem.IndexOf("(known: ", StringComparison.Ordinal) + 8)..].TrimEnd(')').Split(", ").ToHashSet();

        var common = Schema.GetProperty("$defs").GetProperty("common").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var branch = Schema.GetProperty("$defs").GetProperty("gate").GetProperty("oneOf").EnumerateArray()
            .Single(b => b.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString() == kind);
        HashSet<string> schemaKeys = [.. branch.GetProperty("properties").EnumerateObject().Select(p => p.Name), .. common, "name"];
        Assert.Equal(known.Order(StringComparer.Ordinal), schemaKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_and_the_loader_know_the_same_budget_keys()
    {
        var e = Assert.Throws<GatesFileException>(() => GatesFile.Parse("sequential: {zzz: 1}\ngates:\n  - {name: d, kind: sequentialDrift, metric: m}", "g.yaml"));
        Assert.Contains("known: falseRollbackRate, missedRegressionRate)", e.Problem, StringComparison.Ordinal);
        Assert.Equal(["falseRollbackRate", "missedRegressionRate"],
            Schema.GetProperty("properties").GetProperty("sequential").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shipgate.slnx")))
                return directory.FullName;
        }

        throw new DirectoryNotFoundException("Shipgate.slnx is not above the test assembly.");
    }
}
