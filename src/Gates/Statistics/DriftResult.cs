namespace Shipgate.Gates.Statistics;

/// <summary>
/// Everything <see cref="DriftEvaluator"/> measured, with its decision and the reason for it. Statistics
/// that could not be computed (Inconclusive before the test) are NaN.
/// </summary>
public sealed record DriftResult
{
    public required StatisticalPhase Phase { get; init; }

    public required string Reason { get; init; }

    public required DriftMetricKind Metric { get; init; }

    /// <summary>The value of <see cref="Metric"/>, the one compared with <see cref="EffectThreshold"/>.</summary>
    public double Value { get; init; } = double.NaN;

    public double EffectThreshold { get; init; }

    /// <summary>The p-value that decided significance: the KS test's for KS, the chi-square test's otherwise.</summary>
    public double PValue { get; init; } = double.NaN;

    public double Alpha { get; init; }

    public double BaselineCount { get; init; }

    public double CandidateCount { get; init; }

    /// <summary>Buckets on the edges both versions share (used by KS and Wasserstein).</summary>
    public int SharedBuckets { get; init; }

    /// <summary>The bucket edges (<c>le</c>) both versions share, on which they were compared.</summary>
    public IReadOnlyList<double> SharedUpperBounds { get; init; } = [];

    /// <summary>Buckets after merging sparse neighbours (used by PSI, Jensen–Shannon and chi-square).</summary>
    public int MergedBuckets { get; init; }

    public double Psi { get; init; } = double.NaN;

    /// <summary>(1/N + 1/M) · χ²₁₋α(K − 1): the PSI that pure sampling noise reaches with probability alpha.</summary>
    public double PsiNoiseLevel { get; init; } = double.NaN;

    public double KolmogorovSmirnovD { get; init; } = double.NaN;

    public double KolmogorovSmirnovPValue { get; init; } = double.NaN;

    public double JensenShannonDistance { get; init; } = double.NaN;

    public double Wasserstein1 { get; init; } = double.NaN;

    public double ChiSquare { get; init; } = double.NaN;

    public int ChiSquareDegreesOfFreedom { get; init; }

    public double ChiSquarePValue { get; init; } = double.NaN;
}
