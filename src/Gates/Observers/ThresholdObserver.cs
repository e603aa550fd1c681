using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Observers;

/// <summary>One number against a band; the optional samples query gives the sample size.</summary>
internal static class ThresholdObserver
{
    public static async Task<Observation> ObserveAsync(ThresholdGate gate, QueryLog log, ReleaseContext context, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (value, problem) = await log.NumberAsync(context.Render(gate.Query), at, cancellationToken).ConfigureAwait(false);
        double? samples = null;
        if (gate.SamplesQuery is { } samplesQuery)
            (samples, _) = await log.NumberAsync(context.Render(samplesQuery), at, cancellationToken).ConfigureAwait(false);
        return new Observation(log.Queries, value, samples, new BandCriterion(gate.Band), Detail: problem);
    }
}
