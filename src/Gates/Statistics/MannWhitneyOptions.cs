namespace Shipgate.Gates.Statistics;

/// <summary>How <see cref="MannWhitneyEvaluator"/> decides (Kayenta's Mann–Whitney classifier settings).</summary>
public sealed record MannWhitneyOptions
{
    /// <summary>1 − alpha of the two-sided test; a difference is significant when p &lt; 1 − Confidence.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Smallest tolerated candidate/baseline ratio (e.g. 0.8); below it a decrease is large enough to fail.</summary>
    public double AllowedDecreaseRatio { get; init; } = 0.8;

    /// <summary>Largest tolerated candidate/baseline ratio (e.g. 1.2); above it an increase is large enough to fail.</summary>
    public double AllowedIncreaseRatio { get; init; } = 1.2;

    public RegressionDirection Direction { get; init; } = RegressionDirection.Increase;

    public EffectSizeMeasure EffectSize { get; init; } = EffectSizeMeasure.MeanRatio;

    /// <summary>Fewer values than this in either version gives Inconclusive.</summary>
    public int MinimumSampleSize { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(Confidence is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence must be between 0 and 1 (exclusive).");
        if (!(AllowedDecreaseRatio >= 0) || !(AllowedDecreaseRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(AllowedDecreaseRatio), AllowedDecreaseRatio, "AllowedDecreaseRatio must be between 0 and 1.");
        if (!(AllowedIncreaseRatio >= 1))
            throw new ArgumentOutOfRangeException(nameof(AllowedIncreaseRatio), AllowedIncreaseRatio, "AllowedIncreaseRatio must be at least 1.");
        if (MinimumSampleSize < 2)
            throw new ArgumentOutOfRangeException(nameof(MinimumSampleSize), MinimumSampleSize, "MinimumSampleSize must be at least 2.");
    }
}
