using Shipgate.Core.Text;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// Observes any gate kind through an <see cref="IMetricSource"/>: first proves that every version the gate
/// measures is scraped right now (a version that is not is no data, whatever its past samples say), then
/// renders the kind's queries for the release (and its baseline), asks the source, and hands the raw numbers
/// on. It judges nothing; backend failures become failed observations.
/// </summary>
public sealed class PrometheusGateObserver(IMetricSource source, ReleaseContext release) : IGateObserver
{
    private ScrapeCheck? _scrape;

    /// <summary>
    /// The selector (a template) of a version's scrape targets, whose <c>up</c> series prove it is scraped;
    /// by default the release's <c>service</c> and <c>version</c> labels.
    /// </summary>
    public string ScrapeSelector { get; init; } = Selectors.Release;

    public async Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var log = new QueryLog(source);
        var context = release.WithWindow(gate.Window ?? release.Window);
        LazyInitializer.EnsureInitialized(ref _scrape, () => new ScrapeCheck(source, ScrapeSelector));
        try
        {
            if (await ScrapeProblemAsync(gate, context, at, log, cancellationToken).ConfigureAwait(false) is { } notYetOrNoData)
                return notYetOrNoData;
            return gate switch
            {
                ThresholdGate g => await ThresholdObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                ErrorRateGate g => await ErrorRateObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                LatencyQuantileGate g => await LatencyQuantileObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                RelativeToBaselineGate g => await RelativeToBaselineObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                CompareGate g => await CompareObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                DriftGate g => await DriftObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                SequentialGate g => await SequentialObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                NoFiringAlertsGate g => await AlertsObserver.ObserveAsync(g, source, context, cancellationToken).ConfigureAwait(false),
                _ => throw new NotSupportedException($"no observer for gate kind '{gate.Kind}'"),
            };
        }
        catch (MetricSourceException e)
        {
            return Observation.Failed(log.Queries, e.Message);
        }
        catch (TemplateException e)
        {
            return Observation.Failed(log.Queries, e.Message);
        }
    }

    /// <summary>
    /// The candidate, and a baseline serving beside it, must be up and freshly scraped; a drift gate also waits
    /// until their series cover its window. Null: go ahead and measure.
    /// </summary>
    private async Task<Observation?> ScrapeProblemAsync(GateSpec gate, ReleaseContext context, DateTimeOffset at, QueryLog log, CancellationToken cancellationToken)
    {
        var versions = new List<(string Role, ReleaseContext Context)> { ("the new version", context) };
        if (gate.UsesBaseline && context.HasBaseline && context.BaselineTime is null)
            versions.Add(("the baseline", context.ForBaseline()));
        foreach (var (role, versionContext) in versions)
        {
            var what = $"{role} {versionContext.Values["version"]}";
            var state = await _scrape!.CheckAsync(versionContext, what, at, log, cancellationToken).ConfigureAwait(false);
            if (state.Problem is { } problem)
                return Observation.NoData(log.Queries, problem);
            if (gate is DriftGate && !state.Covers(at, context.Window))
            {
                var age = at - state.FirstSample!.Value;
                return Observation.NotYet(log.Queries, FormattableString.Invariant(
                    $"{what} has been scraped for {age.TotalSeconds:0.#}s, less than the {PromDuration.Format(context.Window)} window: increase() over a younger series distorts the histogram"));
            }
        }

        return null;
    }
}
