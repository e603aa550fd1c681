namespace Shipgate.Gates.Statistics;

/// <summary>
/// Baseline and candidate per-bucket counts on the same bucket edges. Bucket i holds the observations
/// in (UpperBounds[i-1], UpperBounds[i]]; the first bucket is open below.
/// </summary>
public sealed record AlignedHistograms
{
    public AlignedHistograms(IReadOnlyList<double> upperBounds, IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count != upperBounds.Count || candidate.Count != upperBounds.Count)
            throw new ArgumentException($"Expected {upperBounds.Count} counts per version, got {baseline.Count} (baseline) and {candidate.Count} (candidate).", nameof(baseline));
        UpperBounds = upperBounds;
        Baseline = baseline;
        Candidate = candidate;
    }

    public IReadOnlyList<double> UpperBounds { get; }

    public IReadOnlyList<double> Baseline { get; }

    public IReadOnlyList<double> Candidate { get; }

    public int BucketCount => UpperBounds.Count;

    public double BaselineTotal => Baseline.Sum();

    public double CandidateTotal => Candidate.Sum();

    /// <summary>There are buckets and both versions have observations: the precondition of every distance.</summary>
    public bool BothObserved => BucketCount > 0 && BaselineTotal > 0 && CandidateTotal > 0;
}
