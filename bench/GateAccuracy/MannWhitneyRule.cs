using Shipgate.Gates.Statistics;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// Kayenta style: at each interval, the per-second series (1 s step) of error rate, p95 latency and mean
/// prediction of the candidate are compared with the baseline's by Mann–Whitney U; a significant change in
/// the bad direction fails (Kayenta's default effect band of 1.0, i.e. none). The confidence per metric is
/// calibrated on a separate set of healthy releases so that each metric alone falsely fails at most 1/3 %.
/// </summary>
public sealed class MannWhitneyRule : IDecisionRule
{
    private static readonly (Func<VersionMetrics, int, int, double> Measure, RegressionDirection Direction)[] Metrics =
    [
        (Measurements.ErrorRate, RegressionDirection.Increase),
        (Measurements.LatencyP95, RegressionDirection.Increase),
        (Measurements.MeanPrediction, RegressionDirection.Either),
    ];

    private readonly SimulationSettings _settings;
    private readonly double[] _alphas;

    private MannWhitneyRule(SimulationSettings settings, double[] alphas)
    {
        _settings = settings;
        _alphas = alphas;
    }

    public string Name => "Mann–Whitney (Kayenta)";

    public string Describe() => $"alpha per look: error {_alphas[0]:G3}, latency {_alphas[1]:G3}, prediction {_alphas[2]:G3}";

    public static MannWhitneyRule Calibrate(SimulationSettings settings, IReadOnlyList<SimulatedRelease> healthy, double falseRollbackPerMetric)
    {
        var alphas = Enumerable.Range(0, Metrics.Length).Select(m =>
        {
            var smallest = healthy.Select(r => settings.DecisionTimes().Min(t => BadDirectionPValue(r, t, m))).Order().ToArray();
            return Math.Max(smallest[Calibration.Exceedances(smallest.Length, falseRollbackPerMetric)], 1e-300);
        }).ToArray();
        return new MannWhitneyRule(settings, alphas);
    }

    public int? RollbackTime(SimulatedRelease release)
    {
        foreach (var t in _settings.DecisionTimes())
        {
            for (var m = 0; m < Metrics.Length; m++)
            {
                var phase = Evaluate(release, t, m, 1 - _alphas[m]).Phase;
                if (phase != StatisticalPhase.Pass)
                    return t;
            }
        }

        return null;
    }

    private static MannWhitneyResult Evaluate(SimulatedRelease r, int t, int m, double confidence) => MannWhitneyEvaluator.Evaluate(
        Measurements.PerSecond(Metrics[m].Measure, r.Candidate, t),
        Measurements.PerSecond(Metrics[m].Measure, r.Baseline, t),
        new MannWhitneyOptions
        {
            Confidence = confidence,
            AllowedIncreaseRatio = 1,
            AllowedDecreaseRatio = 1,
            Direction = Metrics[m].Direction,
            MinimumSampleSize = 10,
        });

    /// <summary>The p-value if the change is in the bad direction, else 1: the rule fails iff this is below alpha.</summary>
    private static double BadDirectionPValue(SimulatedRelease r, int t, int m)
    {
        var result = Evaluate(r, t, m, 0.5);
        var bad = Metrics[m].Direction switch
        {
            RegressionDirection.Increase => result.EffectSize > 1,
            RegressionDirection.Decrease => result.EffectSize < 1,
            _ => result.EffectSize != 1,
        };
        return bad ? result.PValue : 1;
    }
}
