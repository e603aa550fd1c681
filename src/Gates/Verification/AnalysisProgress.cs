using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Verification;

/// <summary>
/// What an analysis has measured so far, kept from the runner's progress events, so that an analysis cut
/// short (interrupted, past its deadline) still yields a result: every measurement taken, the decided gates
/// as decided, the others ended with the given status. Its verdict is never Pass unless every gate decided.
/// </summary>
internal sealed class AnalysisProgress(IReadOnlyList<GateSpec> gates, DateTimeOffset startedAt)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (List<Measurement> Measurements, GateDecision Decision)> _byGate =
        gates.ToDictionary(g => g.Name, _ => (new List<Measurement>(), GateDecision.Running), StringComparer.Ordinal);

    public void Add(Measurement measurement, GateDecision decision)
    {
        lock (_lock)
        {
            if (!_byGate.TryGetValue(measurement.Gate, out var gate))
                return;
            gate.Measurements.Add(measurement);
            _byGate[measurement.Gate] = (gate.Measurements, decision);
        }
    }

    /// <summary>The result so far; gates not yet decided end as <paramref name="unfinished"/> with <paramref name="reason"/>.</summary>
    public AnalysisResult Result(GateStatus unfinished, string reason, InconclusivePolicy policy, DateTimeOffset finishedAt)
    {
        lock (_lock)
        {
            var results = gates.Select(g =>
            {
                var (measurements, decision) = _byGate[g.Name];
                var final = decision.IsFinal ? decision : new GateDecision(unfinished, reason);
                return new GateResult(g.Name, g.Kind, final, g.DryRun, g.Critical, measurements.ToList(), g.Band);
            }).ToList();
            var (verdict, reasons) = VerdictRules.Decide(results);
            if (verdict == Verdict.Pass && results.Any(r => !r.DryRun && r.Decision.Status != GateStatus.Pass && r.Decision.Status != GateStatus.NotApplicable))
                verdict = Verdict.Inconclusive;
            return new AnalysisResult(verdict, reasons, policy, VerdictRules.ActionFor(verdict, policy), startedAt, finishedAt, results);
        }
    }
}
