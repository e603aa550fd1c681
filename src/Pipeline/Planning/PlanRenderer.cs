using System.Globalization;
using System.Net;
using System.Text;

namespace Shipgate.Pipeline.Planning;

/// <summary>
/// <c>--plan</c>: the plan as text, and the whole target graph as a self-contained HTML page
/// (inline SVG, layered left to right, no script or network needed to view it).
/// </summary>
public static class PlanRenderer
{
    private const int ColumnWidth = 190;
    private const int RowHeight = 56;
    private const int BoxWidth = 150;
    private const int BoxHeight = 32;

    public static string RenderText(ExecutionPlan plan)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var step in plan.Steps)
        {
            var marker = step.IsSkipped ? "  -" : (++number).ToString(CultureInfo.InvariantCulture).PadLeft(3);
            var note = step.IsSkipped ? $"skipped: {step.SkipReason}" : step.Invoked ? "invoked" : "";
            text.AppendLine($"{marker}. {step.Name,-24} {note}".TrimEnd());
        }

        return text.ToString();
    }

    public static string RenderHtml(IReadOnlyList<TargetNode> targets, ExecutionPlan plan)
    {
        var layer = Layers(targets);
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        var perLayer = new Dictionary<int, int>();
        foreach (var node in targets)
        {
            perLayer.TryGetValue(layer[node.Name], out var count);
            row[node.Name] = count;
            perLayer[layer[node.Name]] = count + 1;
        }

        var width = ((perLayer.Keys.DefaultIfEmpty(0).Max() + 1) * ColumnWidth) + 20;
        var height = (perLayer.Values.DefaultIfEmpty(1).Max() * RowHeight) + 20;
        var planned = plan.Steps.ToDictionary(step => step.Name, StringComparer.Ordinal);
        (int X, int Y) Position(string name) => ((layer[name] * ColumnWidth) + 10, (row[name] * RowHeight) + 10);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        foreach (var node in targets)
        {
            Edges(svg, node.DependsOn, node.Name, "", Position);
            Edges(svg, node.After, node.Name, " stroke-dasharray=\"2,4\"", Position);
            foreach (var triggered in node.Triggers)
                Edges(svg, [node.Name], triggered, " stroke-dasharray=\"8,4\"", Position);
        }

        foreach (var node in targets)
        {
            var (x, y) = Position(node.Name);
            var fill = !planned.TryGetValue(node.Name, out var step) ? "#eeeeee" : step.IsSkipped ? "#fff3c4" : step.Invoked ? "#9fd3a8" : "#cfe8d4";
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{WebUtility.HtmlEncode(node.Name)}</title><rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"#555\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (BoxWidth / 2)}\" y=\"{y + 21}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"13\">{WebUtility.HtmlEncode(node.Name)}</text></g>");
        }

        svg.Append("</svg>");
        return $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Shipgate plan</title></head>
            <body style="font-family:sans-serif">
            <h1>Plan</h1>
            <pre>{WebUtility.HtmlEncode(RenderText(plan))}</pre>
            <p>Dark green: invoked; light green: pulled in; yellow: skipped; grey: not planned.
            Solid arrow: depends on; long dashes: triggers; dots: ordered after.</p>
            {svg}
            </body></html>
            """;
    }

    private static void Edges(StringBuilder svg, IEnumerable<string> from, string to, string style, Func<string, (int X, int Y)> position)
    {
        var (toX, toY) = position(to);
        foreach (var source in from)
        {
            var (fromX, fromY) = position(source);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{fromX + BoxWidth}\" y1=\"{fromY + (BoxHeight / 2)}\" x2=\"{toX}\" y2=\"{toY + (BoxHeight / 2)}\" stroke=\"#555\"{style} marker-end=\"url(#arrow)\"/>");
        }
    }

    /// <summary>Column of each target: the longest chain of predecessors before it (the graph is acyclic once planned).</summary>
    private static Dictionary<string, int> Layers(IReadOnlyList<TargetNode> targets)
    {
        var byName = targets.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var triggeredBy = targets.SelectMany(node => node.Triggers.Select(t => (t, node.Name))).ToLookup(x => x.t, x => x.Name);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        int Of(string name)
        {
            if (layer.TryGetValue(name, out var known))
                return known;
            layer[name] = 0; // guards against a cycle while measuring; the planner has already rejected cycles
            var node = byName[name];
            var before = node.DependsOn.Concat(node.After).Concat(triggeredBy[name]).ToList();
            return layer[name] = before.Count == 0 ? 0 : before.Max(Of) + 1;
        }

        foreach (var node in targets)
            Of(node.Name);
        return layer;
    }
}
