using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Verification;

/// <summary>
/// Everything about a gates file that can be checked before anything is deployed: the specs' rules, every
/// query rendered for the release and parsed by the server, the scrape selector, and each error matcher's
/// labels against the label names its request metric really has (a misspelt label would turn the gate
/// off). The release's pre-flight and <c>shipgate lint --prometheus</c> call it.
/// </summary>
public static class GatesPreflight
{
    /// <summary>How far back the request metric's label names are looked up.</summary>
    public static TimeSpan LabelLookback { get; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The problems found, each naming its gate; empty when the gates can run for this release. A backend that
    /// cannot be reached is not a problem of the gates: its <see cref="MetricSourceException"/> passes through.
    /// Baseline gates of a release without a baseline are not checked against the server (they will not run).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(GatesDocument document, ReleaseContext release, IMetricSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(source);
        if (SpecRules.Problems(document.Gates) is { Count: > 0 } specProblems)
            return specProblems;

        var gates = BaselinePlan.For(document.Gates, release.HasBaseline ? null : "this release has none").Run;
        var problems = await QueryValidator.ProblemsAsync(source, gates, release, cancellationToken).ConfigureAwait(false);
        problems.AddRange(await ScrapeSelectorProblemsAsync(document, release, source, cancellationToken).ConfigureAwait(false));
        var now = DateTimeOffset.UtcNow;
        foreach (var gate in gates.OfType<ErrorRateGate>())
        {
            if (ErrorMatcher.RequiredLabels(gate.ErrorMatcher).Count == 0)
                continue;

            // A metric with no series yet (a service's first release) cannot be checked; the analysis checks again.
            var labels = await source.LabelNamesAsync(gate.Metric, now - LabelLookback, now, cancellationToken).ConfigureAwait(false);
            if (labels.Count > 0 && ErrorMatcher.Problem(gate.ErrorMatcher, gate.Metric, labels) is { } problem)
                problems.Add($"gate '{gate.Name}': {problem}");
        }

        return problems;
    }

    private static async Task<List<string>> ScrapeSelectorProblemsAsync(GatesDocument document, ReleaseContext release, IMetricSource source, CancellationToken cancellationToken)
    {
        string query;
        try
        {
            query = $"up{{{release.Render(document.ScrapeSelector)}}}";
        }
        catch (TemplateException e)
        {
            return [$"scrapeSelector: {e.Message}"];
        }

        return await QueryValidator.ServerProblemAsync(source, query, cancellationToken).ConfigureAwait(false) is { } problem ? [$"scrapeSelector: {problem}"] : [];
    }
}
