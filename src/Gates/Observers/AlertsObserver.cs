using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>Counts firing alerts whose labels match all of the gate's (rendered) labels; the value must be 0.</summary>
internal static class AlertsObserver
{
    public static async Task<Observation> ObserveAsync(NoFiringAlertsGate gate, IMetricSource source, ReleaseContext context, CancellationToken cancellationToken)
    {
        var labels = gate.Labels.ToDictionary(l => l.Key, l => context.Render(l.Value), StringComparer.Ordinal);
        var query = $"alerts firing with {QueryResult.FormatLabels(labels)}";
        var alerts = await source.FiringAlertsAsync(cancellationToken).ConfigureAwait(false);
        var matching = alerts.Where(a => labels.All(l => a.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
        var detail = matching.Count == 0 ? "none firing" : "firing: " + string.Join(", ", matching.Select(a => a.Name).Distinct());
        return new Observation([query], matching.Count, null, new BandCriterion(gate.Band), Detail: detail);
    }
}
