namespace Shipgate.Gates.Statistics;

/// <summary>How <see cref="ProportionComparison"/> decides whether the candidate's error rate regressed.</summary>
public sealed record ProportionComparisonOptions
{
    /// <summary>1 − alpha of the one-sided test; the increase is significant when p &lt; 1 − Confidence.</summary>
    public double Confidence { get; init; } = 0.99;

    /// <summary>Tolerated relative increase over the baseline rate: 0.1 allows up to +10%.</summary>
    public double AllowedRelativeIncrease { get; init; } = 0.1;

    /// <summary>Tolerated absolute increase in rate (0.001 = 0.1 percentage points); keeps tiny rates from failing on ratios.</summary>
    public double AllowedAbsoluteIncrease { get; init; }

    /// <summary>Fewer requests than this in either version gives Inconclusive.</summary>
    public double MinimumRequestsPerVersion { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(Confidence is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "Confidence must be between 0 and 1 (exclusive).");
        if (!(AllowedRelativeIncrease >= 0) || double.IsInfinity(AllowedRelativeIncrease))
            throw new ArgumentOutOfRangeException(nameof(AllowedRelativeIncrease), AllowedRelativeIncrease, "AllowedRelativeIncrease must be a finite number ≥ 0.");
        if (!(AllowedAbsoluteIncrease is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(AllowedAbsoluteIncrease), AllowedAbsoluteIncrease, "AllowedAbsoluteIncrease must be in [0, 1).");
        if (!(MinimumRequestsPerVersion >= 1) || double.IsInfinity(MinimumRequestsPerVersion))
            throw new ArgumentOutOfRangeException(nameof(MinimumRequestsPerVersion), MinimumRequestsPerVersion, "MinimumRequestsPerVersion must be a finite number ≥ 1.");
    }
}
