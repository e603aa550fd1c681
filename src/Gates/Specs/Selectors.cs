namespace Shipgate.Gates.Specs;

/// <summary>PromQL selector pieces the gate kinds build their queries from.</summary>
public static class Selectors
{
    /// <summary>The series of the release under test; the baseline renders it with its own version.</summary>
    public const string Release = "service=\"{{service}}\",version=\"{{version}}\"";

    /// <summary><c>metric{a,b}</c> from a metric name and selector parts, skipping empty parts.</summary>
    public static string Series(string metric, params string?[] matchers) =>
        $"{metric}{{{string.Join(",", matchers.Where(m => !string.IsNullOrWhiteSpace(m)))}}}";
}
