using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>Kayenta-style: the query's points over the window for both versions, compared by Mann-Whitney U. The value is the effect size (a ratio).</summary>
internal static class CompareObserver
{
    public static async Task<Observation> ObserveAsync(CompareGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var start = at - context.Window;
        var candidate = Points(await log.RangeAsync(context.Render(gate.Query), start, at, gate.Step, cancellationToken).ConfigureAwait(false));
        var baselineEnd = context.BaselineAt(at);
        var baseline = Points(await log.RangeAsync(context.ForBaseline().Render(gate.Query), baselineEnd - context.Window, baselineEnd, gate.Step, cancellationToken).ConfigureAwait(false));
        var result = MannWhitneyEvaluator.Evaluate(candidate, baseline, gate.Options);
        return new Observation(log.Queries, result.EffectSize, Math.Min(candidate.Count, baseline.Count), StatisticalCriterion.From(result.Phase, result.Reason));
    }

    private static List<double> Points(QueryResult result) => result.Series.SelectMany(s => s.Samples).Select(s => s.Value).ToList();
}
