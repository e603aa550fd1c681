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
        ArgumentNullException.ThrowIfNull(gates);
        // A spec built in C# has not been through the YAML checks: the same rules apply here, before the server is asked.
        if (SpecRules.Problems(gates) is { Count: > 0 } specProblems)
            throw new GateConfigurationException(specProblems);
        if (await ProblemsAsync(source, gates, release, cancellationToken).ConfigureAwait(false) is { Count: > 0 } problems)
            throw new GateConfigurationException(problems);
    }

    /// <summary>Every query problem (a template that does not render, a query the server rejects), each naming its gate.</summary>
    internal static async Task<List<string>> ProblemsAsync(IMetricSource source, IReadOnlyList<GateSpec> gates, ReleaseContext release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(release);
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
                if (await ServerProblemAsync(source, query, cancellationToken).ConfigureAwait(false) is { } problem)
                    problems.Add($"gate '{gate.Name}': {problem}");
            }
        }

        return problems;
    }

    /// <summary>The server's parse error for <paramref name="query"/>, or null when it parses.</summary>
    internal static async Task<string?> ServerProblemAsync(IMetricSource source, string query, CancellationToken cancellationToken)
    {
        try
        {
            await source.ValidateAsync(query, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (InvalidQueryException e)
        {
            return $"the server rejects the query `{query}`: {e.ServerError}";
        }
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
