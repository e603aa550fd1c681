using System.Text;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Reports;

/// <summary>A Markdown summary for job summaries and pull-request comments: the verdict, why, and one row per gate.</summary>
public static class MarkdownReport
{
    public static string Render(AnalysisResult result, IReadOnlyDictionary<string, string>? chartLinks = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.AppendLine($"## Release verification: {result.Verdict.ToString().ToUpperInvariant()}");
        md.AppendLine();
        md.AppendLine($"Action: **{result.Action}** (inconclusive policy: {result.Policy}). Analysis from {result.StartedAt:u} to {result.FinishedAt:u}.");
        md.AppendLine();
        foreach (var reason in result.Reasons)
            md.AppendLine($"- {Escape(reason)}");
        md.AppendLine();
        foreach (var warning in result.Warnings)
            md.AppendLine($"> **Warning:** {Escape(warning)}");
        if (result.Warnings.Count > 0)
            md.AppendLine();
        md.AppendLine("| gate | kind | status | last value | limit | samples | measurements | reason |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var gate in result.Gates)
        {
            var last = gate.Measurements.LastOrDefault();
            var name = chartLinks?.TryGetValue(gate.Gate, out var link) == true ? $"[{Escape(gate.Gate)}]({link})" : Escape(gate.Gate);
            var flags = (gate.DryRun ? " (dry run)" : "") + (gate.Critical ? " (critical)" : "");
            var counts = string.Join(" ", gate.Measurements.GroupBy(m => m.Phase).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            md.AppendLine($"| {name}{flags} | {gate.Kind} | {gate.Decision.Status} | {ReportFormat.Number(last?.Value)} | {Escape(gate.Threshold.ToString())} | {ReportFormat.Number(last?.SampleSize)} | {counts} | {Escape(gate.Decision.Reason)} |");
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
