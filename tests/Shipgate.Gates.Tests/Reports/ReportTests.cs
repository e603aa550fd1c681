using System.Buffers.Binary;
using System.Xml.Linq;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Reports;
using Shipgate.Gates.Tests.Analysis;

namespace Shipgate.Gates.Tests.Reports;

public sealed class ReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("shipgate-report-").FullName;

    /// <summary>A real run of the runner over scripted values: one gate of every outcome.</summary>
    private static Task<AnalysisResult> Analysis()
    {
        var every = new GateSchedule(TimeSpan.FromSeconds(10), Count: 4);
        return new AnalysisRunner(new ScriptedObserver(), new FakeClock(DateTimeOffset.UnixEpoch)).RunAsync(
        [
            new ScriptedGate("passes", 0.2, 0.4, 0.3, 0.5) { Schedule = every },
            new ScriptedGate("fails | badly", 0.5, 3.0) { Schedule = every },
            new ScriptedGate("no data", double.NaN) { Schedule = every, Limits = new GateLimits(InconclusiveLimit: 9) },
            new ScriptedGate("backend down", 0.5, -1) { Schedule = every, Limits = new GateLimits(ConsecutiveErrorLimit: 1) },
            new ScriptedGate("dry", 7.0) { Schedule = every, DryRun = true },
        ], InconclusivePolicy.Rollback);
    }

    [Fact]
    public async Task The_json_report_keeps_every_measurement_and_reads_back()
    {
        var result = await Analysis();
        var json = JsonReport.Render(result);
        var back = JsonReport.Parse(json)!;

        Assert.Equal(result.Verdict, back.Verdict);
        Assert.Equal(result.Gates.Sum(g => g.Measurements.Count), back.Gates.Sum(g => g.Measurements.Count));
        var nan = back.Gates.Single(g => g.Gate == "no data").Measurements[0];
        Assert.True(double.IsNaN(nan.Value!.Value));
        Assert.Equal(["q"], nan.Queries);
        Assert.Contains("\"phase\": \"inconclusive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sampleSize\": 1000", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_junit_report_has_one_test_case_per_gate_with_failure_error_and_skipped()
    {
        var result = await Analysis();
        var suite = JUnitReport.Render(result).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);

        Assert.Equal(5, cases.Count);
        Assert.Equal(("5", "2", "1", "1"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!, (string)suite.Attribute("errors")!, (string)suite.Attribute("skipped")!));
        Assert.DoesNotContain(cases["passes"].Elements(), e => e.Name != "system-out");
        Assert.Equal("fail", (string)cases["fails | badly"].Element("failure")!.Attribute("type")!);
        Assert.Equal("inconclusive", (string)cases["no data"].Element("failure")!.Attribute("type")!);
        Assert.NotNull(cases["backend down"].Element("error"));
        Assert.NotNull(cases["dry"].Element("skipped"));
        Assert.Equal(4, cases["passes"].Element("system-out")!.Value.Split('\n').Length);
    }

    [Fact]
    public async Task The_markdown_summary_states_the_verdict_and_a_row_per_gate()
    {
        var result = await Analysis();
        var md = MarkdownReport.Render(result);

        Assert.StartsWith("## Release verification: FAIL", md, StringComparison.Ordinal);
        Assert.Contains("Action: **Rollback**", md, StringComparison.Ordinal);
        Assert.Contains("| fails \\| badly | scripted | Fail |", md, StringComparison.Ordinal);
        Assert.Contains("| dry (dry run) |", md, StringComparison.Ordinal);
        Assert.Equal(5 + 2, md.Split('\n').Count(l => l.StartsWith('|')));
    }

    [Fact]
    public async Task A_chart_per_gate_is_a_real_png_of_the_asked_size()
    {
        var result = await Analysis();
        var written = ReportWriter.WriteAll(result, _directory);

        var charts = written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, charts.Count);
        foreach (var chart in charts)
        {
            var bytes = File.ReadAllBytes(chart);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.Equal((800, 400), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
            Assert.True(bytes.Length > 5_000, $"{chart} is only {bytes.Length} bytes: nothing drawn?");
        }

        Assert.True(File.Exists(Path.Combine(_directory, "charts", "fails___badly.png")));
        Assert.Contains("(charts/passes.png)", File.ReadAllText(Path.Combine(_directory, "summary.md")), StringComparison.Ordinal);
        Assert.NotNull(XDocument.Load(Path.Combine(_directory, "junit.xml")).Root);
        Assert.NotNull(JsonReport.Parse(File.ReadAllText(Path.Combine(_directory, "report.json"))));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
