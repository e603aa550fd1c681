using System.Text.Json;

namespace Shipgate.LocalStack.Tests;

/// <summary>Every PromQL expression in a dashboard: panel targets and annotation queries.</summary>
internal static class DashboardQueries
{
    public static IEnumerable<string> All(JsonElement dashboard) =>
        Panels(dashboard).Concat(Annotations(dashboard));

    public static IEnumerable<string> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);

    public static IEnumerable<string> Annotations(JsonElement dashboard) =>
        dashboard.GetProperty("annotations").GetProperty("list").EnumerateArray()
            .Where(a => a.TryGetProperty("expr", out _))
            .Select(a => a.GetProperty("expr").GetString()!);
}
