using Serilog;

namespace Shipgate.Release.Events;

/// <summary>Collects what the release did, one line per step, for the summary printed at the end of the build.</summary>
public sealed class SummarySink : IReleaseSink
{
    private readonly List<string> _lines = [];
    private ReleaseEvent.Decided? _decided;

    public IReadOnlyList<string> Lines => _lines;

    public Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken)
    {
        var line = releaseEvent switch
        {
            ReleaseEvent.Deploying e => $"Deploying {e.Service} {e.Version} ({e.Image}) to {e.Environment}, replacing {e.Replacing ?? "nothing"}.",
            ReleaseEvent.Deployed e => $"Deployed {e.Release.Version} ({e.Release.ReleaseId}); it is healthy.",
            ReleaseEvent.DeployFailed e => $"Deploy of {e.Version} failed: {e.Reason}; serving: {e.Serving ?? "nothing"}.",
            ReleaseEvent.CanaryHeld e => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Canary {e.Release.Version} ({e.Release.ReleaseId}) held at step {e.Release.Record.CanaryStep} ({e.Release.Record.CanaryWeight:0.##}%), awaiting approval: run ResumeCanary (or Rollback)."),
            ReleaseEvent.CanaryResuming e => $"Canary {e.Version} resumed, approved by {e.ApprovedBy}.",
            ReleaseEvent.CanaryAnalysed e => $"Canary step {e.Step} at {e.Percent:0.##}%{(e.Baseline is null ? "" : $" against {e.Baseline}")}: {e.Outcome.Summary} → {(e.Decision.Action == Gates.Model.ReleaseAction.Promote ? "go on" : "canary out")}.",
            ReleaseEvent.Decided e => Decided(e),
            ReleaseEvent.Promoted e => $"Promoted {e.Release.Version}, approved by {e.ApprovedBy}.",
            ReleaseEvent.RolledBack e => $"Rolled back: {e.Release.Version} serves again ({e.Reason}).",
            ReleaseEvent.Recovered e => $"Recovered what a stopped run left ({e.Steps.Count} step(s)); serving: {e.Serving?.Version ?? "nothing"}.",
            ReleaseEvent.Paused e => $"Paused: {e.Version} serves unpromoted until a release manager runs Promote or Rollback ({e.Reason}).",
            _ => null,
        };
        if (line is not null)
            _lines.Add(line);
        return Task.CompletedTask;
    }

    /// <summary>Writes the summary and each gate's result to the log.</summary>
    public void WriteTo(ILogger log)
    {
        ArgumentNullException.ThrowIfNull(log);
        foreach (var line in _lines)
            log.Information("Release: {Line:l}", line);
        foreach (var gate in _decided?.Analysis?.Gates ?? [])
            log.Information("  gate {Gate}{DryRun}: {Status} — {Reason}", gate.Gate, gate.DryRun ? " (dry run, not deciding)" : "", gate.Decision.Status, gate.Decision.Reason);
        foreach (var warning in _decided?.Analysis?.Warnings ?? [])
            log.Warning("  {Warning:l}", warning);
    }

    private string Decided(ReleaseEvent.Decided decided)
    {
        _decided = decided;
        return $"Verified {decided.Version}: {decided.Outcome.Summary} → {decided.Decision.Action}.";
    }
}
