namespace Shipgate.Gates.Statistics;

/// <summary>A quantile estimated from a cumulative histogram the way PromQL's <c>histogram_quantile</c> does.</summary>
public static class HistogramQuantile
{
    /// <summary>
    /// Finds the bucket holding rank q·total and interpolates linearly inside it; the lowest bucket starts
    /// at 0 when its upper bound is positive; a rank in the +Inf bucket returns the highest finite bound.
    /// NaN for no observations, fewer than two buckets, no +Inf bucket, a defective count or q outside [0, 1].
    /// </summary>
    public static double Estimate(double q, CumulativeHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var bounds = histogram.UpperBounds;
        if (!(q is >= 0 and <= 1) || histogram.BucketCount < 2 || !double.IsPositiveInfinity(bounds[^1]) || histogram.Defect is not null)
            return double.NaN;
        var cumulative = histogram.MonotonicCumulativeCounts();
        var total = cumulative[^1];
        if (!(total > 0))
            return double.NaN;

        var rank = q * total;
        var bucket = 0;
        while (bucket < cumulative.Length - 1 && cumulative[bucket] < rank)
            bucket++;
        if (bucket == cumulative.Length - 1)
            return bounds[^2];
        if (bucket == 0 && bounds[0] <= 0)
            return bounds[0];

        var lower = bucket == 0 ? 0 : bounds[bucket - 1];
        var below = bucket == 0 ? 0 : cumulative[bucket - 1];
        var inBucket = cumulative[bucket] - below;
        return lower + ((bounds[bucket] - lower) * (rank - below) / inBucket);
    }

    /// <summary>
    /// True when rank q·total lies in the +Inf bucket: the quantile is above the highest finite bound, and
    /// <see cref="Estimate"/> (like <c>histogram_quantile</c>) can only report that bound. False on no data.
    /// </summary>
    public static bool IsBeyondHighestFiniteBound(double q, CumulativeHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (double.IsNaN(Estimate(q, histogram)))
            return false;
        var cumulative = histogram.MonotonicCumulativeCounts();
        return cumulative[^2] < q * cumulative[^1];
    }
}
