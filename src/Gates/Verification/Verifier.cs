using Shipgate.Core.Text;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Observers;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Verification;

/// <summary>
/// The entry point for the build program and the CLI: settle what the baseline can give, validate every
/// query against the server, then run the analysis within a deadline taken from the plan. Throws
/// <see cref="GateConfigurationException"/> (nothing measured) when a gate cannot run,
/// <see cref="MetricSourceException"/> when the backend cannot be reached before the analysis, and
/// <see cref="VerificationInterruptedException"/> (with what was measured) when cancelled.
/// </summary>
public sealed class Verifier(IMetricSource source, IAnalysisClock? clock = null)
{
    private readonly IAnalysisClock _clock = clock ?? SystemAnalysisClock.Instance;

    /// <summary>Called after each measurement, for live progress.</summary>
    public event Action<Measurement, GateDecision>? Measured;

    /// <summary>The selector (a template) of a version's scrape targets; see <see cref="PrometheusGateObserver.ScrapeSelector"/>.</summary>
    public string ScrapeSelector { get; init; } = Selectors.Release;

    /// <summary>
    /// How long past its plan (the last gate's last measurement) an analysis may run before the unfinished
    /// gates end in error; null: half the plan, at least 10 s. A slow backend must not hold a release for ever.
    /// </summary>
    public TimeSpan? DeadlineSlack { get; init; }

    /// <summary>Verifies with the gates file's gates, scrape selector and (unless given) inconclusive policy.</summary>
    public Task<AnalysisResult> VerifyAsync(GatesDocument document, ReleaseContext release, InconclusivePolicy? policy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var verifier = new Verifier(source, _clock) { ScrapeSelector = document.ScrapeSelector, DeadlineSlack = DeadlineSlack };
        verifier.Measured += (m, d) => Measured?.Invoke(m, d);
        return verifier.VerifyAsync(document.Gates, release, policy ?? document.Policy, cancellationToken);
    }

    public async Task<AnalysisResult> VerifyAsync(
        IReadOnlyList<GateSpec> gates, ReleaseContext release, InconclusivePolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(release);
        if (SpecRules.Problems(gates) is { Count: > 0 } specProblems)
            throw new GateConfigurationException(specProblems);

        // A first release has no baseline, and a baseline whose data expired is no better: gates that compare
        // with one are reported as not applicable, never measured against missing data, never counted as passed.
        var warnings = new List<string>();
        string? missingBaseline = null;
        if (!release.HasBaseline)
        {
            missingBaseline = "this release has none";
        }
        else if (gates.Any(g => g.UsesBaseline)
            && await BaselineProbe.MissingDataAsync(source, release, ScrapeSelector, _clock.Now, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            missingBaseline = missing;
        }

        var plan = BaselinePlan.For(gates, missingBaseline);
        if (release.HasBaseline && missingBaseline is not null)
            warnings.Add($"{missingBaseline}: the candidate's own gates decide ({plan.Summary(gates)})");

        await QueryValidator.ValidateAsync(source, plan.Run, release, cancellationToken).ConfigureAwait(false);
        var result = await RunAsync(plan.Run, release, policy, cancellationToken).ConfigureAwait(false);
        if (ThinBaselineWarning(result, release) is { } thin)
            warnings.Add(thin);
        return result with { Gates = [.. result.Gates, .. plan.NotApplicable], Warnings = [.. result.Warnings, .. warnings] };
    }

    // A baseline with data, but too little to compare with (expired, deleted, scraped since without traffic), leaves
    // its comparisons not applicable: a person must hear that the candidate's own gates decided alone.
    internal static string? ThinBaselineWarning(AnalysisResult result, ReleaseContext release)
    {
        var notCompared = result.Gates
            .Where(g => g.Decision.Status == GateStatus.NotApplicable && g.Decision.Reason.Contains(Specs.SequentialGate.BaselineTooSmall, StringComparison.Ordinal))
            .Select(g => g.Gate)
            .ToList();
        if (notCompared.Count == 0)
            return null;
        var baseline = release.Values.TryGetValue("baseline_version", out var version) ? $"the baseline {version}" : "the baseline";
        return $"{baseline} had too few observations to compare with: {string.Join(", ", notCompared)} not compared; the candidate's own gates decided";
    }

    /// <summary>The time from the start to the last planned measurement of any gate.</summary>
    public static TimeSpan PlannedDuration(IReadOnlyList<GateSpec> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        return gates.Count == 0 ? TimeSpan.Zero : gates.Max(g => g.Schedule.DueAfter(g.Schedule.MeasurementCount - 1));
    }

    private async Task<AnalysisResult> RunAsync(IReadOnlyList<GateSpec> gates, ReleaseContext release, InconclusivePolicy policy, CancellationToken cancellationToken)
    {
        var observer = new PrometheusGateObserver(source, release) { ScrapeSelector = ScrapeSelector };
        var runner = new AnalysisRunner(observer, _clock);
        var progress = new AnalysisProgress(gates, _clock.Now);
        runner.Measured += (m, d) =>
        {
            progress.Add(m, d);
            Measured?.Invoke(m, d);
        };

        var planned = PlannedDuration(gates);
        var slack = DeadlineSlack ?? TimeSpan.FromTicks(Math.Max(planned.Ticks / 2, TimeSpan.FromSeconds(10).Ticks));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(planned + slack);
        try
        {
            return await runner.RunAsync(gates, policy, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            var partial = progress.Result(GateStatus.Cancelled, "interrupted before it decided", policy, _clock.Now);
            throw new VerificationInterruptedException(partial, e.CancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var reason = $"not finished by the analysis deadline ({PromDuration.Format(planned)} planned + {PromDuration.Format(slack)}): the metrics backend answers too slowly";
            return progress.Result(GateStatus.Error, reason, policy, _clock.Now) with { Warnings = [reason] };
        }
    }
}
