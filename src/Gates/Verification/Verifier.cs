using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Observers;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Verification;

/// <summary>
/// The entry point for the build program and the CLI: validate every query against the server, then run
/// the analysis. Throws <see cref="GateConfigurationException"/> (nothing measured) when a gate cannot run.
/// </summary>
public sealed class Verifier(IMetricSource source, IAnalysisClock? clock = null)
{
    /// <summary>Called after each measurement, for live progress.</summary>
    public event Action<Measurement, GateDecision>? Measured;

    public async Task<AnalysisResult> VerifyAsync(
        IReadOnlyList<GateSpec> gates, ReleaseContext release, InconclusivePolicy policy, CancellationToken cancellationToken = default)
    {
        await QueryValidator.ValidateAsync(source, gates, release, cancellationToken).ConfigureAwait(false);
        var runner = new AnalysisRunner(new PrometheusGateObserver(source, release), clock ?? SystemAnalysisClock.Instance);
        runner.Measured += (m, d) => Measured?.Invoke(m, d);
        return await runner.RunAsync(gates, policy, cancellationToken).ConfigureAwait(false);
    }
}
