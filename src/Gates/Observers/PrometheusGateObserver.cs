using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>
/// Observes any gate kind through an <see cref="IMetricSource"/>: renders the kind's queries for the
/// release (and its baseline), asks the source, and hands the raw numbers on. It judges nothing; backend
/// failures become failed observations.
/// </summary>
public sealed class PrometheusGateObserver(IMetricSource source, ReleaseContext release) : IGateObserver
{
    public async Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var log = new QueryLog(source);
        var context = release.WithWindow(gate.Window ?? release.Window);
        try
        {
            return gate switch
            {
                ThresholdGate g => await ThresholdObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                ErrorRateGate g => await ErrorRateObserver.ObserveAsync(g, log, context, at, cancellationToken).ConfigureAwait(false),
                LatencyQuantileGate g => await ThresholdObserver.ObserveAsync(
                    Gate.Threshold(g.Name, g.QuantileQuery, max: g.MaxSeconds, samplesQuery: g.SamplesQuery), log, context, at, cancellationToken).ConfigureAwait(false),
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
}
