namespace Shipgate.Gates.Statistics;

/// <summary>How <see cref="MannWhitneyEvaluator"/> measures the size of a difference.</summary>
public enum EffectSizeMeasure
{
    /// <summary>Candidate mean / baseline mean, as Kayenta's Mann–Whitney classifier does.</summary>
    MeanRatio,

    /// <summary>Candidate median / baseline median: robust to a few outliers in either series.</summary>
    MedianRatio,
}
