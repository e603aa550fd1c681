using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// Per-bucket <c>increase()</c> over the window for each version, as cumulative histograms, compared by
/// the drift evaluator. The value is the chosen distance; the sample size the smaller version's count.
/// </summary>
internal static class DriftObserver
{
    public static async Task<Observation> ObserveAsync(DriftGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var candidateResult = await log.InstantAsync(context.Render(gate.BucketsQuery), at, cancellationToken).ConfigureAwait(false);
        var baselineResult = await log.InstantAsync(context.ForBaseline().Render(gate.BucketsQuery), context.BaselineAt(at), cancellationToken).ConfigureAwait(false);
        var undecided = new TestCriterion(null, "no histogram");
        if (candidateResult.Series.Count == 0 || baselineResult.Series.Count == 0)
            return new Observation(log.Queries, null, null, undecided, Detail: candidateResult.Series.Count == 0 ? "no buckets for the new version" : "no buckets for the baseline");

        CumulativeHistogram candidate, baseline;
        try
        {
            candidate = Histogram(candidateResult);
            baseline = Histogram(baselineResult);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return new Observation(log.Queries, null, null, undecided, Detail: $"unusable buckets: {e.Message}");
        }

        var result = DriftEvaluator.Evaluate(baseline, candidate, gate.Options);
        return new Observation(
            log.Queries, result.Value, Math.Min(result.BaselineCount, result.CandidateCount), StatisticalCriterion.From(result.Phase, result.Reason));
    }

    private static CumulativeHistogram Histogram(QueryResult result) =>
        CumulativeHistogram.FromPrometheusBuckets(result.ByLabel("le").Select(b => (b.Label, b.Value)));
}
