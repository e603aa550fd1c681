using System.Globalization;

namespace Shipgate.Gates.Statistics;

/// <summary>
/// Kayenta-style comparison of a candidate series with a baseline series: fail only when the
/// Mann–Whitney test finds a significant difference AND the effect size (ratio of means or medians)
/// lies outside the allowed band in the regression direction.
/// </summary>
public static class MannWhitneyEvaluator
{
    /// <summary>Decides; too few values or a NaN/infinite value gives Inconclusive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MannWhitneyResult Evaluate(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, MannWhitneyOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var alpha = 1 - options.Confidence;

        MannWhitneyResult Inconclusive(string reason) => new(
            StatisticalPhase.Inconclusive, reason, candidate.Count, baseline.Count,
            double.NaN, double.NaN, double.NaN, alpha, double.NaN, double.NaN, double.NaN);

        var invalid = candidate.Count(v => !double.IsFinite(v)) + baseline.Count(v => !double.IsFinite(v));
        if (invalid > 0)
            return Inconclusive(Invariant($"{invalid} NaN or infinite value(s) in the series"));
        if (candidate.Count < options.MinimumSampleSize || baseline.Count < options.MinimumSampleSize)
            return Inconclusive(Invariant($"too few values: candidate {candidate.Count}, baseline {baseline.Count}, minimum {options.MinimumSampleSize} each"));

        var test = MannWhitneyU.Test(candidate, baseline);
        var candidateCenter = Center(candidate, options.EffectSize);
        var baselineCenter = Center(baseline, options.EffectSize);
        var effect = Ratio(candidateCenter, baselineCenter);
        var measure = options.EffectSize == EffectSizeMeasure.MeanRatio ? "mean" : "median";
        var ratio = double.IsInfinity(effect)
            ? Invariant($"{measure} from 0 (baseline) to {candidateCenter:G4}, no finite ratio")
            : Invariant($"{measure} ratio {effect:G4}");

        var phase = StatisticalPhase.Pass;
        string reason;
        var tooHigh = effect > options.AllowedIncreaseRatio && options.Direction != RegressionDirection.Decrease;
        var tooLow = effect < options.AllowedDecreaseRatio && options.Direction != RegressionDirection.Increase;
        if (!(test.PValue < alpha))
        {
            reason = Invariant($"no significant difference (p = {test.PValue:G4} ≥ α = {alpha:G4}); {ratio}");
        }
        else if (tooHigh || tooLow)
        {
            phase = StatisticalPhase.Fail;
            reason = Invariant($"significant {(tooHigh ? "increase" : "decrease")} (p = {test.PValue:G4} < α = {alpha:G4}): {ratio} outside the allowed band [{options.AllowedDecreaseRatio:G4}, {options.AllowedIncreaseRatio:G4}]");
        }
        else
        {
            reason = Invariant($"significant difference (p = {test.PValue:G4}) but {ratio} is within the allowed band [{options.AllowedDecreaseRatio:G4}, {options.AllowedIncreaseRatio:G4}] for direction {options.Direction}");
        }

        return new MannWhitneyResult(phase, reason, candidate.Count, baseline.Count, test.U, test.Z, test.PValue, alpha, effect, candidateCenter, baselineCenter);
    }

    /// <summary>
    /// candidate / baseline. Meant for non-negative metrics (latency, rates) as in Kayenta. With a zero
    /// baseline: 1 when the candidate is also zero, otherwise ±∞ by the candidate's sign.
    /// </summary>
    public static double Ratio(double candidate, double baseline)
    {
        if (baseline != 0)
            return candidate / baseline;
        return candidate == 0 ? 1 : candidate > 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    private static double Center(IReadOnlyList<double> values, EffectSizeMeasure measure)
    {
        if (measure == EffectSizeMeasure.MeanRatio)
            return values.Average();
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
