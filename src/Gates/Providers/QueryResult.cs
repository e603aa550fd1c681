using System.Globalization;

namespace Shipgate.Gates.Providers;

/// <summary>
/// A query's answer in a backend-neutral shape. A scalar is one series without labels; a string result
/// has <see cref="Text"/> and no series.
/// </summary>
public sealed record QueryResult(QueryResultType Type, IReadOnlyList<Series> Series, string? Text = null)
{
    /// <summary>
    /// The one number a scalar-like query gives, or why there is none: an empty vector is "no data",
    /// never zero; several series are a query mistake, not a value.
    /// </summary>
    public (double? Value, string? Problem) AsSingleNumber() => Type switch
    {
        QueryResultType.Scalar or QueryResultType.Vector when Series.Count == 0 => (null, "empty result"),
        QueryResultType.Scalar or QueryResultType.Vector when Series.Count == 1 && Series[0].Samples.Count == 1 => (Series[0].Samples[0].Value, null),
        QueryResultType.Vector => (null, $"{Series.Count} series where one number was expected; aggregate the query, e.g. sum(...)"),
        _ => (null, $"a {Type.ToString().ToLowerInvariant()} result where one number was expected"),
    };

    /// <summary>Label values of one label across series, mapped to each series' single value (for <c>sum by (le)</c> results).</summary>
    public IReadOnlyList<(string Label, double Value)> ByLabel(string label) =>
        Series.Where(s => s.Labels.ContainsKey(label) && s.Samples.Count > 0)
            .Select(s => (s.Labels[label], s.Samples[^1].Value))
            .ToList();

    internal static string FormatLabels(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}=\"{l.Value}\""))) + "}";
}
