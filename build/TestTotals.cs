using System.Xml.Linq;

namespace Shipgate.Build;

/// <summary>Totals over the TRX files of a test run, and the closing line CI reads.</summary>
internal sealed record TestTotals(int Passed, int Failed, int Skipped)
{
    public string ClosingLine => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public static TestTotals FromTrxDirectory(string directory)
    {
        var counters = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories)
                .Select(file => XDocument.Load(file).Descendants().First(element => element.Name.LocalName == "Counters"))
                .ToList()
            : [];
        int Sum(string attribute) => counters.Sum(element => int.Parse((string?)element.Attribute(attribute) ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        return new TestTotals(Sum("passed"), Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted"), Sum("notExecuted"));
    }
}
