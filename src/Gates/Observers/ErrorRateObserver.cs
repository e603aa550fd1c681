using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// errors/total over the window. No error series with traffic present is zero errors (client libraries
/// create a labelled series on its first increment); no traffic is no data, never a zero rate.
/// </summary>
internal static class ErrorRateObserver
{
    public static async Task<Observation> ObserveAsync(ErrorRateGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (errors, _) = await log.NumberAsync(context.Render(gate.ErrorsQuery), at, cancellationToken).ConfigureAwait(false);
        var (total, totalProblem) = await log.NumberAsync(context.Render(gate.TotalQuery), at, cancellationToken).ConfigureAwait(false);
        var criterion = new BandCriterion(gate.Band);
        if (total is not { } requests)
            return new Observation(log.Queries, null, null, criterion, Detail: $"no request series: {totalProblem}");
        if (requests <= 0)
            return new Observation(log.Queries, double.NaN, requests, criterion, Detail: "no requests in the window");
        var failed = errors ?? 0;
        var detail = errors is null ? $"0 of {requests:0} requests failed (no error series)" : $"{failed:0.#} of {requests:0} requests failed";
        return new Observation(log.Queries, failed / requests, requests, criterion, Detail: detail);
    }
}
