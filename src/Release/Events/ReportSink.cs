using Serilog;
using Shipgate.Gates.Reports;

namespace Shipgate.Release.Events;

/// <summary>Writes the gate reports (JSON, Markdown, JUnit, charts) once the decision is recorded; it cannot change it.</summary>
public sealed class ReportSink(string directory, ILogger log) : IReleaseSink
{
    public Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken)
    {
        if (releaseEvent is ReleaseEvent.Decided { Analysis: { } analysis })
            log.Information("Gate reports: {Files}", ReportWriter.WriteAll(analysis, directory));
        if (releaseEvent is ReleaseEvent.CanaryAnalysed { Analysis: { } step } canary)
            log.Information("Gate reports of canary step {Step}: {Files}", canary.Step,
                ReportWriter.WriteAll(step, Path.Combine(directory, $"canary-step-{canary.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        return Task.CompletedTask;
    }
}
