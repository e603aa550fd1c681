using System.Globalization;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// The quantile computed here from the per-bucket rates, as <c>histogram_quantile</c> would, so that what
/// the server's function hides is seen: a NaN bucket (which it skips) is no data, and a quantile in the
/// +Inf bucket (which it reports as the highest finite bound) fails, since no limit can be shown met there.
/// </summary>
internal static class LatencyQuantileObserver
{
    public static async Task<Observation> ObserveAsync(LatencyQuantileGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var buckets = await log.InstantAsync(context.Render(gate.BucketsQuery), at, cancellationToken).ConfigureAwait(false);
        var (samples, _) = await log.NumberAsync(context.Render(gate.SamplesQuery), at, cancellationToken).ConfigureAwait(false);
        var band = new BandCriterion(gate.Band);
        if (buckets.Series.Count == 0)
            return new Observation(log.Queries, null, samples, band, Detail: "no latency buckets for the new version: empty result");

        CumulativeHistogram histogram;
        try
        {
            histogram = CumulativeHistogram.FromPrometheusBuckets(buckets.ByLabel("le"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return new Observation(log.Queries, null, samples, band, Detail: $"unusable buckets: {e.Message}");
        }

        if (histogram.Defect is { } defect)
            return new Observation(log.Queries, null, samples, band, Detail: $"no data: {defect}");
        if (histogram.BucketCount < 2 || !double.IsPositiveInfinity(histogram.UpperBounds[^1]))
            return new Observation(log.Queries, null, samples, band, Detail: "no data: the histogram has no +Inf bucket");
        if (!(histogram.TotalCount > 0))
            return new Observation(log.Queries, null, samples, band, Detail: "no data: no requests in the window");

        var value = HistogramQuantile.Estimate(gate.Quantile, histogram);
        if (!HistogramQuantile.IsBeyondHighestFiniteBound(gate.Quantile, histogram))
            return new Observation(log.Queries, value, samples, band);

        var bound = histogram.UpperBounds[^2].ToString("G6", CultureInfo.InvariantCulture);
        var quantile = gate.Quantile.ToString("G6", CultureInfo.InvariantCulture);
        return new Observation(log.Queries, value, samples, new TestCriterion(false,
            $"the {quantile} quantile is beyond the highest finite bucket (> {bound}s): the histogram cannot show it is {gate.Band}"));
    }
}
