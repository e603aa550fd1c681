using System.Text.RegularExpressions;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Reports;

/// <summary>Writes every report of an analysis into one directory: report.json, summary.md, junit.xml and charts/GATE.png.</summary>
public static partial class ReportWriter
{
    public static IReadOnlyList<string> WriteAll(AnalysisResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = Path.Combine(directory, "charts");
        Directory.CreateDirectory(charts);
        var written = new List<string>();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var gate in result.Gates)
        {
            var file = $"{SafeName().Replace(gate.Gate, "_")}.png";
            var path = Path.Combine(charts, file);
            ChartReport.Render(gate, result.StartedAt, path);
            links[gate.Gate] = $"charts/{file}";
            written.Add(path);
        }

        written.Add(Write(Path.Combine(directory, "report.json"), JsonReport.Render(result)));
        written.Add(Write(Path.Combine(directory, "summary.md"), MarkdownReport.Render(result, links)));
        var junit = Path.Combine(directory, "junit.xml");
        JUnitReport.Render(result).Save(junit);
        written.Add(junit);
        return written;
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex SafeName();
}
