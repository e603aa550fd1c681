using Serilog;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Flow;

/// <summary>
/// Runs the gates (with traffic, when there is a driver) and turns whatever happens into a <see cref="VerificationOutcome"/>:
/// a verdict, or the reason there is none. It never throws, so no path out of verification can skip the policy.
/// </summary>
public sealed class VerificationSession(IMetricSource metrics, ITrafficDriver? traffic, ILogger log)
{
    public async Task<VerificationOutcome> RunAsync(GatesDocument gates, ReleaseContext release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gates);
        using var load = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The ramp spans the whole analysis, so every measurement sees more traffic than the one before.
        var driving = traffic?.RunAsync(Verifier.PlannedDuration(gates.Gates) + TimeSpan.FromSeconds(5), load.Token);
        VerificationOutcome outcome;
        try
        {
            var verifier = new Verifier(metrics);
            verifier.Measured += (measurement, _) => log.Information("{Gate}: {Phase} {Value} (n={Samples}) {Reason}",
                measurement.Gate, measurement.Phase, measurement.Value, measurement.SampleSize, measurement.Reason);
            outcome = new VerificationOutcome.Analysed(await verifier.VerifyAsync(gates, release, policy: null, cancellationToken).ConfigureAwait(false));
        }
        catch (VerificationInterruptedException interrupted)
        {
            outcome = new VerificationOutcome.Interrupted($"stopped after {interrupted.PartialResult.Gates.Sum(g => g.Measurements.Count)} measurements");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = new VerificationOutcome.Interrupted("Ctrl-C, SIGTERM or a CI cancel");
        }
        catch (MetricSourceException exception)
        {
            outcome = new VerificationOutcome.BackendUnavailable(exception.Message);
        }
        catch (Exception exception) when (exception is GateConfigurationException or TemplateException or GatesFileException)
        {
            outcome = new VerificationOutcome.Misconfigured(exception.Message);
        }
#pragma warning disable CA1031 // Every other failure is still an outcome the policy must see, never an escape from it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome = new VerificationOutcome.Crashed($"{exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            await load.CancelAsync().ConfigureAwait(false);
        }

        if (driving is not null)
            outcome = await WithTrafficAsync(outcome, driving).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// The traffic is evidence too: requests that got no answer (a crash loop, an engine restart) fail a release the
    /// gates passed, and a driver that died leaves the evidence incomplete. Neither can turn a failure into anything else.
    /// </summary>
    private async Task<VerificationOutcome> WithTrafficAsync(VerificationOutcome outcome, Task<TrafficReport> driving)
    {
        try
        {
            var report = await driving.ConfigureAwait(false);
            log.Information("Traffic during verification: {Traffic}", report.Summary);
            return ServingEvidence.Apply(outcome, report);
        }
        catch (OperationCanceledException)
        {
            return outcome;
        }
#pragma warning disable CA1031 // A failed load generator means the gates may have seen too little traffic: not a pass.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            log.Error("The traffic during verification failed: {Message}", exception.Message);
            return outcome is VerificationOutcome.Analysed { Result.Verdict: Verdict.Pass }
                ? new VerificationOutcome.Crashed($"the traffic during verification failed ({exception.Message}), so the gates' evidence is incomplete")
                : outcome;
        }
    }
}
