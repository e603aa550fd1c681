using System.Globalization;

namespace Shipgate.Gates.Reports;

/// <summary>Number formatting shared by the human-readable reports.</summary>
internal static class ReportFormat
{
    public static string Number(double? value) => value switch
    {
        null => "–",
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
