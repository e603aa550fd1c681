using Shipgate.Gates.Statistics;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// Shipgate's gates as composed from Shipgate.Gates.Statistics, each failing only on a shift that is
/// significant and larger than its effect threshold, on all data since the start:
/// error rate: one-sided Fisher test, allowed increase +25%; p95 latency: more than +10% over the baseline
/// AND a significant KS shift of the latency histogram; predictions: PSI above 0.05 AND a significant
/// chi-square test. The release-level 1% is split evenly over the 3 gates; each gate spends its share over
/// the 6 looks with an O'Brien–Fleming-type Lan–DeMets function (chosen before running: the data since the
/// start grows, so power is at the late looks), so repeated looks do not inflate false rollbacks. Nothing is tuned on the data.
/// An Inconclusive gate at the last look rolls back (the production policy).
/// </summary>
public sealed class ShipgateRule(SimulationSettings settings) : IDecisionRule
{
    private const int Gates = 3;
    private const double ReleaseAlpha = 0.01;
    private readonly IReadOnlyList<double> _alphaPerLook = AlphaPerLook(settings);

    /// <summary>Each gate's nominal α at each look (the same for the three gates).</summary>
    public static IReadOnlyList<double> AlphaPerLook(SimulationSettings settings) => AlphaSpending.NominalAlphas(
        SpendingFunction.OBrienFleming, ReleaseAlpha / Gates, AlphaSpending.EvenlySpaced(settings.DecisionTimes().Count()));

    public string Name => "Shipgate (significance + effect)";

    public int? RollbackTime(SimulatedRelease release)
    {
        var last = settings.DecisionTimes().Last();
        foreach (var t in settings.DecisionTimes())
        {
            var confidence = 1 - _alphaPerLook[(t / settings.IntervalSeconds) - 1];
            StatisticalPhase[] phases = [ErrorRate(release, t, confidence), Latency(release, t, confidence), Drift(release, t, confidence)];
            if (phases.Contains(StatisticalPhase.Fail) || (t == last && phases.Contains(StatisticalPhase.Inconclusive)))
                return t;
        }

        return null;
    }

    private StatisticalPhase ErrorRate(SimulatedRelease r, int t, double confidence) => ProportionComparison.Evaluate(
        r.Candidate.Errors[t], r.Candidate.Requests[t], r.Baseline.Errors[t], r.Baseline.Requests[t],
        new ProportionComparisonOptions { Confidence = confidence, AllowedRelativeIncrease = 0.25, MinimumRequestsPerVersion = 100 }).Phase;

    private StatisticalPhase Latency(SimulatedRelease r, int t, double confidence)
    {
        var shift = DriftEvaluator.Evaluate(
            Measurements.LatencyHistogram(r.Baseline, 0, t), Measurements.LatencyHistogram(r.Candidate, 0, t),
            new DriftOptions { Metric = DriftMetricKind.KolmogorovSmirnov, EffectThreshold = 0, Confidence = confidence, MinimumCountPerVersion = 100 });
        var ratio = Measurements.LatencyP95(r.Candidate, 0, t) / Measurements.LatencyP95(r.Baseline, 0, t);
        if (shift.Phase == StatisticalPhase.Inconclusive || double.IsNaN(ratio))
            return StatisticalPhase.Inconclusive;
        return shift.Phase == StatisticalPhase.Fail && ratio > 1.1 ? StatisticalPhase.Fail : StatisticalPhase.Pass;
    }

    private StatisticalPhase Drift(SimulatedRelease r, int t, double confidence) => DriftEvaluator.Evaluate(
        Measurements.PredictionHistogram(r.Baseline, 0, t), Measurements.PredictionHistogram(r.Candidate, 0, t),
        new DriftOptions { Metric = DriftMetricKind.Psi, EffectThreshold = 0.05, Confidence = confidence, MinimumCountPerVersion = 100 }).Phase;
}
