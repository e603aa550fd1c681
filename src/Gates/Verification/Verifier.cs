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
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(release);

        // A first release has no baseline: gates that compare with one are reported as not applicable,
        // never measured against missing data and never counted as passed.
        var notApplicable = release.HasBaseline ? [] : gates.Where(gate => gate.UsesBaseline).ToList();
        var applicable = gates.Except(notApplicable).ToList();
        await QueryValidator.ValidateAsync(source, applicable, release, cancellationToken).ConfigureAwait(false);
        var runner = new AnalysisRunner(new PrometheusGateObserver(source, release), clock ?? SystemAnalysisClock.Instance);
        runner.Measured += (m, d) => Measured?.Invoke(m, d);
        var result = await runner.RunAsync(applicable, policy, cancellationToken).ConfigureAwait(false);
        return notApplicable.Count == 0 ? result : result with { Gates = [.. result.Gates, .. notApplicable.Select(NotApplicable)] };
    }

    private static GateResult NotApplicable(GateSpec gate) => new(
        gate.Name, gate.Kind, new GateDecision(GateStatus.NotApplicable, "compares with a baseline, and this release has none"),
        gate.DryRun, gate.Critical, [], gate.Band);
}
