namespace Shipgate.Gates.Statistics;

/// <summary>How <see cref="DriftEvaluator"/> decides whether a histogram metric drifted.</summary>
public sealed record DriftOptions
{
    public DriftMetricKind Metric { get; init; } = DriftMetricKind.Psi;

    /// <summary>The distance above which a significant shift fails the gate, in the metric's unit.</summary>
    public double EffectThreshold { get; init; } = 0.1;

    /// <summary>1 − alpha; the shift is significant when the p-value is below 1 − Confidence.</summary>
    public double Confidence { get; init; } = 0.99;

    /// <summary>Fewer observations than this in either version gives Inconclusive.</summary>
    public double MinimumCountPerVersion { get; init; } = 100;

    /// <summary>Adjacent buckets are merged until every expected cell count reaches this (chi-square rule).</summary>
    public double MinimumExpectedPerBucket { get; init; } = SparseBucketMerger.DefaultMinimumExpectedCount;

    public double Alpha => 1 - Confidence;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Metric))
            throw new ArgumentOutOfRangeException(nameof(Metric), Metric, "Unknown drift metric.");
        if (!(EffectThreshold >= 0) || double.IsInfinity(EffectThreshold))
            throw new ArgumentOutOfRangeException(nameof(EffectThreshold), EffectThreshold, "EffectThreshold must be a finite number ≥ 0.");
        if (!(Confidence is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence must be between 0 and 1 (exclusive).");
        if (!(MinimumCountPerVersion >= 1) || double.IsInfinity(MinimumCountPerVersion))
            throw new ArgumentOutOfRangeException(nameof(MinimumCountPerVersion), MinimumCountPerVersion, "MinimumCountPerVersion must be a finite number ≥ 1.");
        if (!(MinimumExpectedPerBucket >= 0) || double.IsInfinity(MinimumExpectedPerBucket))
            throw new ArgumentOutOfRangeException(nameof(MinimumExpectedPerBucket), MinimumExpectedPerBucket, "MinimumExpectedPerBucket must be a finite number ≥ 0.");
    }
}
