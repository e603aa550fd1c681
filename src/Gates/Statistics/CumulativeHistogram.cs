using System.Globalization;

namespace Shipgate.Gates.Statistics;

/// <summary>
/// A Prometheus classic histogram as read from its <c>_bucket</c> series: upper bounds (<c>le</c>,
/// parsed as numbers, +Inf included) and the cumulative count of observations at or below each bound,
/// typically <c>increase(metric_bucket[window])</c> for one version.
/// </summary>
/// <remarks>
/// Counts are doubles because <c>increase()</c> extrapolates and returns fractions. Invalid counts
/// (NaN, infinite, negative) are kept rather than rejected so that an evaluator can report them as
/// Inconclusive with a reason; <see cref="Defect"/> names the first one.
/// </remarks>
public sealed class CumulativeHistogram
{
    private readonly double[] _upperBounds;
    private readonly double[] _cumulativeCounts;

    private CumulativeHistogram(double[] upperBounds, double[] cumulativeCounts)
    {
        _upperBounds = upperBounds;
        _cumulativeCounts = cumulativeCounts;
    }

    /// <summary>An empty histogram: no buckets at all, as when the query returned no series.</summary>
    public static CumulativeHistogram Empty { get; } = new([], []);

    /// <summary>Upper bounds in increasing order; the last one is +Inf when the series had it.</summary>
    public IReadOnlyList<double> UpperBounds => _upperBounds;

    /// <summary>Cumulative counts as given, in the order of <see cref="UpperBounds"/>.</summary>
    public IReadOnlyList<double> CumulativeCounts => _cumulativeCounts;

    public int BucketCount => _upperBounds.Length;

    /// <summary>The count at the highest bound (the +Inf bucket when present); 0 when empty.</summary>
    public double TotalCount => _cumulativeCounts.Length == 0 ? 0 : MonotonicCumulativeCounts()[^1];

    /// <summary>Why these counts cannot be used (NaN, infinite or negative count), or null when they can.</summary>
    public string? Defect
    {
        get
        {
            for (var i = 0; i < _cumulativeCounts.Length; i++)
            {
                var count = _cumulativeCounts[i];
                if (double.IsNaN(count) || double.IsInfinity(count) || count < 0)
                    return string.Create(CultureInfo.InvariantCulture, $"bucket le=\"{FormatBound(_upperBounds[i])}\" has count {count}");
            }

            return null;
        }
    }

    /// <summary>Builds a histogram from numeric upper bounds; the buckets may come in any order.</summary>
    /// <exception cref="ArgumentException">An upper bound is NaN or appears twice.</exception>
    public static CumulativeHistogram FromBuckets(IEnumerable<(double UpperBound, double CumulativeCount)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var sorted = buckets.OrderBy(b => b.UpperBound).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (double.IsNaN(sorted[i].UpperBound))
                throw new ArgumentException("A histogram bucket has a NaN upper bound.", nameof(buckets));
            if (i > 0 && sorted[i].UpperBound.Equals(sorted[i - 1].UpperBound))
                throw new ArgumentException($"The histogram has two buckets with le=\"{FormatBound(sorted[i].UpperBound)}\".", nameof(buckets));
        }

        return new CumulativeHistogram([.. sorted.Select(b => b.UpperBound)], [.. sorted.Select(b => b.CumulativeCount)]);
    }

    /// <summary>Builds a histogram from the <c>le</c> label values as Prometheus writes them ("0.5", "1e+06", "+Inf").</summary>
    /// <exception cref="FormatException">An <c>le</c> value is not a number.</exception>
    /// <exception cref="ArgumentException">An upper bound appears twice.</exception>
    public static CumulativeHistogram FromPrometheusBuckets(IEnumerable<(string Le, double CumulativeCount)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return FromBuckets(buckets.Select(b => (ParseUpperBound(b.Le), b.CumulativeCount)));
    }

    /// <summary>Parses an <c>le</c> label value as a number: Go float syntax, "+Inf"/"-Inf" included.</summary>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public static double ParseUpperBound(string le)
    {
        ArgumentNullException.ThrowIfNull(le);
        var text = le.Trim();
        if (text.Equals("+Inf", StringComparison.OrdinalIgnoreCase) || text.Equals("Inf", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        if (text.Equals("-Inf", StringComparison.OrdinalIgnoreCase))
            return double.NegativeInfinity;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value))
            return value;
        throw new FormatException($"The histogram bucket label le=\"{le}\" is not a number.");
    }

    /// <summary>
    /// Cumulative counts made non-decreasing by carrying the running maximum forward. <c>increase()</c>
    /// extrapolates every bucket series on its own, so small inversions occur; Prometheus's
    /// <c>histogram_quantile</c> repairs them the same way.
    /// </summary>
    public double[] MonotonicCumulativeCounts()
    {
        var result = new double[_cumulativeCounts.Length];
        var runningMax = 0.0;
        for (var i = 0; i < result.Length; i++)
        {
            runningMax = Math.Max(runningMax, _cumulativeCounts[i]);
            result[i] = double.IsNaN(_cumulativeCounts[i]) ? double.NaN : runningMax;
        }

        return result;
    }

    /// <summary>Per-bucket counts: bucket i holds the observations in (UpperBounds[i-1], UpperBounds[i]].</summary>
    public double[] PerBucketCounts()
    {
        var cumulative = MonotonicCumulativeCounts();
        var result = new double[cumulative.Length];
        for (var i = 0; i < cumulative.Length; i++)
            result[i] = i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
        return result;
    }

    internal static string FormatBound(double bound) => double.IsPositiveInfinity(bound)
        ? "+Inf"
        : double.IsNegativeInfinity(bound) ? "-Inf" : bound.ToString("R", CultureInfo.InvariantCulture);
}
