using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// Both versions' counts or buckets over the gate's growing window (everything since the analysis started),
/// handed to the sequential test. The value is the test's log likelihood ratio; a test that could not look
/// at usable data reports NaN (no evidence), one that needs more data reports its ratio so far.
/// </summary>
internal static class SequentialObserver
{
    public static async Task<Observation> ObserveAsync(SequentialGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        context = context.WithWindow(gate.WindowAt(at, context.Window));
        var baseline = gate.BaselineWindow is { } baselineWindow ? context.ForBaseline().WithWindow(baselineWindow) : context.ForBaseline();
        var baselineAt = context.BaselineAt(at);
        SequentialResult result;
        switch (gate)
        {
            case SequentialErrorRateGate g:
                var (candidateErrors, candidateTotal) = await CountsAsync(g, log, context, at, cancellationToken).ConfigureAwait(false);
                var (baselineErrors, baselineTotal) = await CountsAsync(g, log, baseline, baselineAt, cancellationToken).ConfigureAwait(false);
                if (candidateTotal is null || baselineTotal is null)
                    return NoData(log.Queries, candidateTotal is null ? "no request series for the new version" : "no request series for the baseline");
                result = SequentialErrorRate.Evaluate(candidateErrors, candidateTotal.Value, baselineErrors, baselineTotal.Value, g.Options);
                break;
            case SequentialLatencyGate g:
                var latency = await HistogramsAsync(g.BucketsQuery, log, context, at, baseline, baselineAt, cancellationToken).ConfigureAwait(false);
                if (latency.Problem is { } latencyProblem)
                    return NoData(log.Queries, latencyProblem);
                result = SequentialQuantile.Evaluate(g.Quantile, latency.Baseline!, latency.Candidate!, g.Options);
                break;
            case SequentialDriftGate g:
                var drift = await HistogramsAsync(g.BucketsQuery, log, context, at, baseline, baselineAt, cancellationToken).ConfigureAwait(false);
                if (drift.Problem is { } driftProblem)
                    return NoData(log.Queries, driftProblem);
                result = SequentialMeanShift.Evaluate(drift.Baseline!, drift.Candidate!, g.Options);
                break;
            default:
                throw new NotSupportedException($"no sequential test for gate kind '{gate.Kind}'");
        }

        var baselineShort = result.BaselineCount < gate.Options.MinimumCountPerVersion ? SequentialGate.BaselineTooSmall : null;
        return new Observation(
            log.Queries, result.LogLikelihoodRatio, Math.Min(result.CandidateCount, result.BaselineCount), StatisticalCriterion.From(result.Phase, result.Reason), Detail: baselineShort);
    }

    private static Observation NoData(IReadOnlyList<string> queries, string why) =>
        new(queries, null, null, new TestCriterion(null, why), Detail: why);

    private static async Task<(double Errors, double? Total)> CountsAsync(
        SequentialErrorRateGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (errors, _) = await log.NumberAsync(context.Render(gate.ErrorsQuery), at, cancellationToken).ConfigureAwait(false);
        var (total, _) = await log.NumberAsync(context.Render(gate.TotalQuery), at, cancellationToken).ConfigureAwait(false);

        // No error series with traffic present is zero errors: client libraries create the series on its first increment.
        return (errors ?? 0, total);
    }

    private static async Task<(CumulativeHistogram? Candidate, CumulativeHistogram? Baseline, string? Problem)> HistogramsAsync(
        string query, QueryLog log, ReleaseContext context, DateTimeOffset at, ReleaseContext baseline, DateTimeOffset baselineAt, CancellationToken cancellationToken)
    {
        var candidateResult = await log.InstantAsync(context.Render(query), at, cancellationToken).ConfigureAwait(false);
        var baselineResult = await log.InstantAsync(baseline.Render(query), baselineAt, cancellationToken).ConfigureAwait(false);
        if (candidateResult.Series.Count == 0 || baselineResult.Series.Count == 0)
            return (null, null, candidateResult.Series.Count == 0 ? "no buckets for the new version" : "no buckets for the baseline");
        try
        {
            return (Histogram(candidateResult), Histogram(baselineResult), null);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return (null, null, $"unusable buckets: {e.Message}");
        }
    }

    private static CumulativeHistogram Histogram(QueryResult result) =>
        CumulativeHistogram.FromPrometheusBuckets(result.ByLabel("le").Select(b => (b.Label, b.Value)));
}
