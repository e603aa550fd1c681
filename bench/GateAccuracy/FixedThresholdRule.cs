namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// Flagger / Argo Rollouts style: at each interval the candidate's own error rate, p95 latency and mean
/// prediction (|mean − healthy mean|) are checked against fixed limits; one failed measurement rolls back
/// (Argo's default failureLimit 0). The limits are the best an operator could pick: calibrated on a
/// separate set of healthy releases so that each metric alone falsely fails at most 1/3 % of them.
/// </summary>
public sealed class FixedThresholdRule : IDecisionRule
{
    private static readonly Func<VersionMetrics, int, double>[] Metrics =
    [
        (v, t) => Measurements.ErrorRate(v, 0, t),
        (v, t) => Measurements.LatencyP95(v, 0, t),
        (v, t) => Math.Abs(Measurements.MeanPrediction(v, 0, t)),
    ];

    private readonly SimulationSettings _settings;
    private readonly double[] _limits;

    private FixedThresholdRule(SimulationSettings settings, double[] limits)
    {
        _settings = settings;
        _limits = limits;
    }

    public string Name => "fixed thresholds (Flagger/Argo)";

    public string Describe() => $"error rate > {_limits[0]:P2}, p95 > {_limits[1] * 1000:F0} ms, |mean prediction| > {_limits[2]:F3}σ";

    public static FixedThresholdRule Calibrate(SimulationSettings settings, IReadOnlyList<SimulatedRelease> healthy, double falseRollbackPerMetric)
    {
        var limits = Metrics.Select(metric =>
        {
            var worst = healthy.Select(r => settings.DecisionTimes().Max(t => metric(r.Candidate, t))).OrderDescending().ToArray();
            return worst[Calibration.Exceedances(worst.Length, falseRollbackPerMetric)];
        }).ToArray();
        return new FixedThresholdRule(settings, limits);
    }

    public int? RollbackTime(SimulatedRelease release)
    {
        foreach (var t in _settings.DecisionTimes())
        {
            for (var m = 0; m < Metrics.Length; m++)
            {
                var value = Metrics[m](release.Candidate, t);
                if (double.IsNaN(value) || value > _limits[m])
                    return t;
            }
        }

        return null;
    }
}
