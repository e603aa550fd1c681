using ScottPlot;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Reports;

/// <summary>A PNG per gate: the measured value over time against the gate's limits, each point coloured by its phase.</summary>
public static class ChartReport
{
    public static void Render(GateResult gate, DateTimeOffset start, string path, int width = 800, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var plot = new Plot();
        plot.Title($"{gate.Gate} ({gate.Kind}): {gate.Decision.Status}");
        plot.XLabel("seconds since the analysis started");
        plot.YLabel("value");

        var points = gate.Measurements.Where(m => m.Value is { } v && double.IsFinite(v)).ToList();
        if (points.Count > 0)
        {
            var xs = points.Select(m => (m.Time - start).TotalSeconds).ToArray();
            var ys = points.Select(m => m.Value!.Value).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.Color = Colors.SteelBlue;
            line.LegendText = "measured";
            foreach (var phase in Enum.GetValues<MeasurementPhase>())
            {
                var ofPhase = points.Where(m => m.Phase == phase).ToList();
                if (ofPhase.Count == 0)
                    continue;
                var markers = plot.Add.Markers(ofPhase.Select(m => (m.Time - start).TotalSeconds).ToArray(), ofPhase.Select(m => m.Value!.Value).ToArray(), MarkerShape.FilledCircle, 8, PhaseColor(phase));
                markers.LegendText = phase.ToString();
            }
        }

        // Measurements without a finite value still show, on the x axis, so gaps in the evidence are visible.
        var missing = gate.Measurements.Where(m => m.Value is not { } v || !double.IsFinite(v)).ToList();
        if (missing.Count > 0)
        {
            var markers = plot.Add.Markers(missing.Select(m => (m.Time - start).TotalSeconds).ToArray(), new double[missing.Count], MarkerShape.OpenCircle, 8, Colors.Gray);
            markers.LegendText = "no value";
        }

        AddLimit(plot, gate.Threshold.Max, "max");
        AddLimit(plot, gate.Threshold.Min, "min");
        plot.ShowLegend();
        plot.SavePng(path, width, height);
    }

    private static void AddLimit(Plot plot, double? limit, string label)
    {
        if (limit is not { } y)
            return;
        var line = plot.Add.HorizontalLine(y, 2, Colors.Red, LinePattern.Dashed);
        line.LegendText = $"{label} {ReportFormat.Number(y)}";
    }

    private static Color PhaseColor(MeasurementPhase phase) => phase switch
    {
        MeasurementPhase.Pass => Colors.Green,
        MeasurementPhase.Fail => Colors.Red,
        MeasurementPhase.Inconclusive => Colors.Orange,
        _ => Colors.Purple,
    };
}
