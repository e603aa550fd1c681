using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// errors/total over the window. No error series with traffic present is zero errors (client libraries
/// create a labelled series on its first increment), but only when the request series carry the labels the
/// error matcher needs: a matcher that can never match is no data, not a clean record. No traffic is no
/// data, never a zero rate. With a baseline comparison the rate must also pass the proportion test against
/// the baseline's counts; where the baseline has too few requests to compare with, the candidate's own
/// maximum decides.
/// </summary>
internal static class ErrorRateObserver
{
    public static async Task<Observation> ObserveAsync(ErrorRateGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var candidate = await CountAsync(gate, log, context, at, cancellationToken).ConfigureAwait(false);
        var band = new BandCriterion(gate.Band);
        if (candidate.Total is not { } requests)
            return new Observation(log.Queries, null, null, band, Detail: candidate.Detail);
        if (requests <= 0)
            return Observation.NoData(log.Queries, candidate.Detail);
        if (!candidate.ErrorSeries)
        {
            var series = Selectors.Series(gate.Metric, context.Render(gate.Selector));
            var labels = await log.LabelNamesAsync(series, at - context.Window, at, cancellationToken).ConfigureAwait(false);
            if (ErrorMatcher.Problem(gate.ErrorMatcher, series, labels) is { } problem)
                return Observation.NoData(log.Queries, problem);
        }

        var rate = candidate.Errors / requests;
        if (gate.BaselineComparison is not { } options)
            return new Observation(log.Queries, rate, requests, band, Detail: candidate.Detail);

        var baseline = await CountAsync(gate, log, context.ForBaseline(), context.BaselineAt(at), cancellationToken).ConfigureAwait(false);
        var detail = $"new: {candidate.Detail}; baseline: {baseline.Detail}";
        if (!gate.Band.Contains(rate))
            return new Observation(log.Queries, rate, requests, new TestCriterion(false, FormattableString.Invariant($"{rate:G4} is not {gate.Band}")), Detail: detail);
        if (baseline.Total is not { } baselineRequests || baselineRequests < options.MinimumRequestsPerVersion)
        {
            // The baseline cannot help: the candidate's own evidence decides, and the reason says so.
            var why = baseline.Total is null ? "the baseline has no request series" : FormattableString.Invariant($"the baseline served only {baseline.Total:0} requests (fewer than {options.MinimumRequestsPerVersion:0})");
            return new Observation(log.Queries, rate, requests, band, Detail: $"{detail}; {why}, so the maximum alone decides");
        }

        var comparison = ProportionComparison.Evaluate(candidate.Errors, requests, baseline.Errors, baselineRequests, options);
        var criterion = StatisticalCriterion.From(comparison.Phase, FormattableString.Invariant($"{rate:G4} is {gate.Band}; vs baseline: {comparison.Reason}"));
        return new Observation(log.Queries, rate, requests, criterion, Detail: detail);
    }

    private static async Task<(double Errors, double? Total, bool ErrorSeries, string Detail)> CountAsync(
        ErrorRateGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (errors, _) = await log.NumberAsync(context.Render(gate.ErrorsQuery), at, cancellationToken).ConfigureAwait(false);
        var (total, totalProblem) = await log.NumberAsync(context.Render(gate.TotalQuery), at, cancellationToken).ConfigureAwait(false);
        if (total is not { } requests)
            return (0, null, false, $"no request series: {totalProblem}");
        if (requests <= 0)
            return (0, requests, errors is not null, "no requests in the window");
        return errors is { } failed
            ? (failed, requests, true, FormattableString.Invariant($"{failed:0.#} of {requests:0} requests failed"))
            : (0, requests, false, FormattableString.Invariant($"0 of {requests:0} requests failed (no error series)"));
    }
}
