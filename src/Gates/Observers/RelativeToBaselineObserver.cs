using System.Globalization;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>The change of one query's value from the baseline to the new version, in percent; the sample size is the smaller of the two.</summary>
internal static class RelativeToBaselineObserver
{
    public static async Task<Observation> ObserveAsync(RelativeToBaselineGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var baselineContext = context.ForBaseline();
        var baselineAt = context.BaselineTime ?? at - (gate.BaselineOffset ?? TimeSpan.Zero);
        var (candidate, candidateProblem) = await log.NumberAsync(context.Render(gate.Query), at, cancellationToken).ConfigureAwait(false);
        var (baseline, baselineProblem) = await log.NumberAsync(baselineContext.Render(gate.Query), baselineAt, cancellationToken).ConfigureAwait(false);
        double? samples = null;
        if (gate.SamplesQuery is { } samplesQuery)
        {
            var (c, _) = await log.NumberAsync(context.Render(samplesQuery), at, cancellationToken).ConfigureAwait(false);
            var (b, _) = await log.NumberAsync(baselineContext.Render(samplesQuery), baselineAt, cancellationToken).ConfigureAwait(false);
            samples = c is { } cs && b is { } bs ? Math.Min(cs, bs) : null;
        }

        var criterion = new BandCriterion(gate.Band);
        if (candidate is not { } x)
            return new Observation(log.Queries, null, samples, criterion, Detail: $"new version: {candidateProblem}");
        if (baseline is not { } b0)
            return new Observation(log.Queries, null, samples, criterion, Detail: $"baseline: {baselineProblem}");
        var detail = string.Create(CultureInfo.InvariantCulture, $"new {x:G6} vs baseline {b0:G6}");
        if (b0 == 0 && x != 0)
            return FromZero(gate, log, samples, x, detail);
        var change = x == b0 ? 0 : (x - b0) / Math.Abs(b0) * 100;
        return new Observation(log.Queries, change, samples, criterion, Detail: $"{detail}, change in %");
    }

    /// <summary>
    /// A change from 0 has no percentage; the candidate's own value decides: any rise from 0 is beyond a
    /// maximum increase (and any fall beyond a maximum decrease), a change the other way breaks no limit.
    /// </summary>
    private static Observation FromZero(RelativeToBaselineGate gate, QueryLog log, double? samples, double x, string detail)
    {
        var rose = x > 0;
        var limit = rose ? gate.MaxIncreasePercent : gate.MaxDecreasePercent;
        var change = string.Create(CultureInfo.InvariantCulture, $"{(rose ? "rose" : "fell")} from 0 (baseline) to {x:G6}");
        var criterion = limit is { } l
            ? new TestCriterion(false, string.Create(CultureInfo.InvariantCulture, $"{change}: any {(rose ? "rise" : "fall")} from 0 is beyond {(rose ? "+" : "-")}{l:G6}%"))
            : new TestCriterion(true, $"{change}: only a {(rose ? "decrease" : "increase")} is limited");
        return new Observation(log.Queries, rose ? double.PositiveInfinity : double.NegativeInfinity, samples, criterion, Detail: detail);
    }
}
