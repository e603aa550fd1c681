using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// errors/total over the window. No error series with traffic present is zero errors (client libraries
/// create a labelled series on its first increment); no traffic is no data, never a zero rate. With a
/// baseline comparison the rate must also pass the proportion test against the baseline's counts.
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
            return new Observation(log.Queries, double.NaN, requests, band, Detail: candidate.Detail);
        var rate = candidate.Errors / requests;
        if (gate.BaselineComparison is not { } options)
            return new Observation(log.Queries, rate, requests, band, Detail: candidate.Detail);

        var baseline = await CountAsync(gate, log, context.ForBaseline(), context.BaselineAt(at), cancellationToken).ConfigureAwait(false);
        var comparison = ProportionComparison.Evaluate(candidate.Errors, requests, baseline.Errors, baseline.Total ?? double.NaN, options);
        Criterion criterion = !gate.Band.Contains(rate)
            ? new TestCriterion(false, FormattableString.Invariant($"{rate:G4} is not {gate.Band}; vs baseline: {comparison.Reason}"))
            : StatisticalCriterion.From(comparison.Phase, FormattableString.Invariant($"{rate:G4} is {gate.Band}; vs baseline: {comparison.Reason}"));
        var samples = Math.Min(requests, baseline.Total ?? 0);
        return new Observation(log.Queries, rate, samples, criterion, Detail: $"new: {candidate.Detail}; baseline: {baseline.Detail}");
    }

    private static async Task<(double Errors, double? Total, string Detail)> CountAsync(
        ErrorRateGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (errors, _) = await log.NumberAsync(context.Render(gate.ErrorsQuery), at, cancellationToken).ConfigureAwait(false);
        var (total, totalProblem) = await log.NumberAsync(context.Render(gate.TotalQuery), at, cancellationToken).ConfigureAwait(false);
        if (total is not { } requests)
            return (0, null, $"no request series: {totalProblem}");
        if (requests <= 0)
            return (0, requests, "no requests in the window");
        return errors is { } failed
            ? (failed, requests, FormattableString.Invariant($"{failed:0.#} of {requests:0} requests failed"))
            : (0, requests, FormattableString.Invariant($"0 of {requests:0} requests failed (no error series)"));
    }
}
