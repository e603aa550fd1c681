using Shipgate.Gates.Providers;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;

namespace Shipgate.Gates.Verification;

/// <summary>
/// Before an analysis starts: renders every gate's queries for the release (and its baseline) and asks
/// the server to parse each. All problems are collected, each naming its gate and carrying the
/// server's parse error. A server that cannot be reached is not a query problem: that exception passes through.
/// </summary>
public static class QueryValidator
{
    public static async Task ValidateAsync(IMetricSource source, IReadOnlyList<GateSpec> gates, ReleaseContext release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(release);
        // A spec built in C# has not been through the YAML checks: the same rules apply here, before the server is asked.
        if (SpecRules.Problems(gates) is { Count: > 0 } specProblems)
            throw new GateConfigurationException(specProblems);

        var problems = new List<string>();
        foreach (var gate in gates)
        {
            List<string> queries;
            try
            {
                queries = Rendered(gate, release);
            }
            catch (TemplateException e)
            {
                problems.Add($"gate '{gate.Name}': {e.Message}");
                continue;
            }

            foreach (var query in queries)
            {
                try
                {
                    await source.ValidateAsync(query, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidQueryException e)
                {
                    problems.Add($"gate '{gate.Name}': the server rejects the query `{query}`: {e.ServerError}");
                }
            }
        }

        if (problems.Count > 0)
            throw new GateConfigurationException(problems);
    }

    /// <summary>The distinct queries a gate will send for this release, rendered.</summary>
    public static List<string> Rendered(GateSpec gate, ReleaseContext release)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var context = release.WithWindow(gate.Window ?? release.Window);
        var contexts = gate.UsesBaseline ? new[] { context, context.ForBaseline() } : [context];
        var rendered = gate.QueryTemplates.SelectMany(t => contexts.Select(c => c.Render(t))).Distinct(StringComparer.Ordinal).ToList();
        if (gate is NoFiringAlertsGate alerts)
        {
            foreach (var value in alerts.Labels.Values)
                _ = context.Render(value);
        }

        return rendered;
    }
}
