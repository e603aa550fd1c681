using System.Globalization;
using System.Xml.Linq;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Reports;

/// <summary>
/// JUnit XML so GitLab and Jenkins show gates as test results: one test case per gate; a failed gate is
/// a failure, a backend error an error, an inconclusive gate a failure of type "inconclusive", and a dry-run
/// or cancelled gate is skipped. Every measurement goes to system-out.
/// </summary>
public static class JUnitReport
{
    public static XDocument Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cases = result.Gates.Select(TestCase).ToList();
        var suite = new XElement("testsuite",
            new XAttribute("name", "shipgate"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("timestamp", result.StartedAt.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)),
            new XAttribute("time", ReportFormat.Seconds(result.FinishedAt - result.StartedAt)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", result.Verdict)),
                new XElement("property", new XAttribute("name", "action"), new XAttribute("value", result.Action))),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
    }

    private static XElement TestCase(GateResult gate)
    {
        var span = gate.Measurements.Count > 1 ? gate.Measurements[^1].Time - gate.Measurements[0].Time : TimeSpan.Zero;
        var element = new XElement("testcase",
            new XAttribute("classname", $"shipgate.{gate.Kind}"),
            new XAttribute("name", gate.Gate),
            new XAttribute("time", ReportFormat.Seconds(span)));
        var message = $"{gate.Decision.Status}: {gate.Decision.Reason}";
        if (gate.DryRun)
            element.Add(new XElement("skipped", new XAttribute("message", $"dry run, not deciding; {message}")));
        else if (gate.Decision.Status == GateStatus.Fail)
            element.Add(new XElement("failure", new XAttribute("type", "fail"), new XAttribute("message", message)));
        else if (gate.Decision.Status == GateStatus.Error)
            element.Add(new XElement("error", new XAttribute("type", "backend"), new XAttribute("message", message)));
        else if (gate.Decision.Status is GateStatus.Cancelled or GateStatus.NotApplicable)
            element.Add(new XElement("skipped", new XAttribute("message", message)));
        else if (gate.Decision.Status != GateStatus.Pass)
            element.Add(new XElement("failure", new XAttribute("type", "inconclusive"), new XAttribute("message", message)));
        element.Add(new XElement("system-out", string.Join(Environment.NewLine, gate.Measurements.Select(m =>
            $"{m.Time:O} {m.Phase} value={ReportFormat.Number(m.Value)} samples={ReportFormat.Number(m.SampleSize)} {m.Reason} | {string.Join(" ; ", m.Queries)}"))));
        return element;
    }
}
