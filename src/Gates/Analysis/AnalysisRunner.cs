using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Analysis;

/// <summary>
/// Runs an analysis: measures each gate on its schedule, judges each observation, decides each gate as
/// it goes and the verdict at the end. The timing and I/O live here; every decision is delegated to the
/// pure <see cref="MeasurementJudge"/>, <see cref="GateDecider"/> and <see cref="VerdictRules"/>.
/// </summary>
public sealed class AnalysisRunner(IGateObserver observer, IAnalysisClock clock)
{
    /// <summary>Called after each measurement, for live progress output.</summary>
    public event Action<Measurement, GateDecision>? Measured;

    public async Task<AnalysisResult> RunAsync(
        IReadOnlyList<GateSpec> gates, InconclusivePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var start = clock.Now;
        // A sequential gate accumulates everything since the start: its queries' window grows from here.
        var runs = gates.Select(g => new GateRun(g is SequentialGate s ? s with { Since = start } : g)).ToList();

        while (runs.Where(r => !r.Decision.IsFinal).ToList() is { Count: > 0 } active)
        {
            var nextDue = active.Min(r => start + r.NextDueAfter);
            await clock.DelayAsync(nextDue - clock.Now, cancellationToken).ConfigureAwait(false);

            var now = clock.Now;
            var due = active.Where(r => start + r.NextDueAfter <= now).ToList();
            var observations = await Task.WhenAll(due.Select(r => ObserveAsync(r.Gate, now, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < due.Count; i++)
            {
                var run = due[i];
                var measurement = MeasurementJudge.Judge(run.Gate.Name, now, observations[i], run.Gate.Limits);
                run.Add(measurement);
                Measured?.Invoke(measurement, run.Decision);
            }

            if (due.FirstOrDefault(r => r.Gate.Critical && !r.Gate.DryRun && r.Decision.Status == GateStatus.Fail) is { } critical)
            {
                foreach (var other in runs.Where(r => !r.Decision.IsFinal))
                    other.Cancel($"not finished: critical gate '{critical.Gate.Name}' failed");
            }
        }

        var results = runs.Select(r => r.ToResult()).ToList();
        var (verdict, reasons) = VerdictRules.Decide(results);
        return new AnalysisResult(verdict, reasons, policy, VerdictRules.ActionFor(verdict, policy), start, clock.Now, results);
    }

    private async Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            return await observer.ObserveAsync(gate, at, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // An observer that throws instead of reporting is still a backend error, never a pass.
            return Observation.Failed([], e.Message);
        }
    }

    /// <summary>One gate's progress through an analysis.</summary>
    private sealed class GateRun(GateSpec gate)
    {
        private readonly List<Measurement> _measurements = [];

        public GateSpec Gate { get; } = gate;

        public GateDecision Decision { get; private set; } = GateDecision.Running;

        public TimeSpan NextDueAfter => Gate.Schedule.DueAfter(_measurements.Count);

        public void Add(Measurement measurement)
        {
            _measurements.Add(measurement);
            Decision = Gate is SequentialGate
                ? GateDecider.DecideSequential(_measurements, Gate.Limits, Gate.Schedule.MeasurementCount)
                : GateDecider.Decide(_measurements, Gate.Limits, Gate.Schedule.MeasurementCount);
        }

        public void Cancel(string reason) => Decision = new GateDecision(GateStatus.Cancelled, reason);

        public GateResult ToResult() =>
            new(Gate.Name, Gate.Kind, Decision, Gate.DryRun, Gate.Critical, _measurements.ToList(), Gate.Band);
    }
}
