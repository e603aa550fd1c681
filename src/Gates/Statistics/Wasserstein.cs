namespace Shipgate.Gates.Statistics;

/// <summary>Wasserstein-1 (earth mover's) distance between two histograms, in the metric's own unit.</summary>
public static class Wasserstein
{
    /// <summary>
    /// W1 = ∫ |F_baseline(x) − F_candidate(x)| dx, integrated between the lowest and the highest finite
    /// upper bound with both CDFs interpolated linearly inside each bucket (observations spread uniformly
    /// across their bucket, as <c>histogram_quantile</c> assumes). The open-ended buckets cannot be
    /// spread: mass at or below the lowest bound counts as sitting on it, mass in the +Inf bucket as
    /// sitting on the highest finite bound, so tail shifts beyond the edges are understated.
    /// Chosen over bucket midpoints because it needs no invented width for the open-ended buckets.
    /// NaN when either version has no observations; 0 with fewer than two finite bounds.
    /// </summary>
    public static double Distance(AlignedHistograms histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var baselineTotal = histograms.BaselineTotal;
        var candidateTotal = histograms.CandidateTotal;
        if (!histograms.BothObserved)
            return double.NaN;

        double baselineCumulative = 0, candidateCumulative = 0, distance = 0;
        double? previousBound = null, previousDifference = null;
        for (var i = 0; i < histograms.BucketCount; i++)
        {
            baselineCumulative += histograms.Baseline[i];
            candidateCumulative += histograms.Candidate[i];
            var bound = histograms.UpperBounds[i];
            if (double.IsInfinity(bound))
                continue;
            var difference = (baselineCumulative / baselineTotal) - (candidateCumulative / candidateTotal);
            if (previousBound is { } lower && previousDifference is { } d0)
                distance += SegmentArea(d0, difference, bound - lower);
            previousBound = bound;
            previousDifference = difference;
        }

        return distance;
    }

    /// <summary>∫ |d(x)| over a segment where d runs linearly from d0 to d1.</summary>
    private static double SegmentArea(double d0, double d1, double width)
    {
        if ((d0 >= 0 && d1 >= 0) || (d0 <= 0 && d1 <= 0))
            return width * (Math.Abs(d0) + Math.Abs(d1)) / 2;
        // The sign changes inside the segment: two triangles meeting at the zero crossing.
        return width * ((d0 * d0) + (d1 * d1)) / (2 * (Math.Abs(d0) + Math.Abs(d1)));
    }
}
