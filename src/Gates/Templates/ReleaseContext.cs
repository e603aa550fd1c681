using System.Text.RegularExpressions;
using Shipgate.Core.Text;

namespace Shipgate.Gates.Templates;

/// <summary>
/// The release under analysis as template values: service, version, baseline_version, environment,
/// window and any extra <c>--set</c> values. Values go inside PromQL strings, so quotes, backslashes
/// and braces are refused rather than escaped.
/// </summary>
public sealed partial record ReleaseContext
{
    private readonly Dictionary<string, string> _values;

    public ReleaseContext(IReadOnlyDictionary<string, string> values, TimeSpan window)
        : this(values, window, asBaseline: false)
    {
    }

    private ReleaseContext(IReadOnlyDictionary<string, string> values, TimeSpan window, bool asBaseline)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            if (!VariableName().IsMatch(key))
                throw new TemplateException($"'{key}' is not a variable name: use letters, digits and _");
            if (UnsafeValue().IsMatch(value))
                throw new TemplateException($"the value of '{key}' contains a quote, backslash, brace or line break; it would change the query");

            // label="" selects the series that lack the label: another version's, or every version's.
            if (string.IsNullOrWhiteSpace(value))
                throw new TemplateException($"the value of '{key}' is empty; {key}=\"\" would select every series without that label");
        }

        if (!asBaseline && values.TryGetValue("baseline_version", out var baseline) && values.TryGetValue("version", out var version)
            && string.Equals(baseline, version, StringComparison.Ordinal))
            throw new TemplateException($"the value of 'baseline_version' is the version under test ('{version}'): a version compared with itself always looks the same; give the previous version, or none for a first release");

        if (window <= TimeSpan.Zero)
            throw new TemplateException("the window must be positive");
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal) { ["window"] = PromDuration.Format(window) };
        Window = window;
    }

    /// <summary>The default window when neither the gates file nor the command line gives one.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(1);

    public TimeSpan Window { get; }

    /// <summary>
    /// When the baseline's data is read: the end of its own verification, for a previous version that no longer
    /// serves. Null: the baseline serves now, beside the new version, and is read at the same instant.
    /// </summary>
    public DateTimeOffset? BaselineTime { get; init; }

    /// <summary>True when a baseline version was given; gates that compare with one cannot apply otherwise.</summary>
    public bool HasBaseline => _values.ContainsKey("baseline_version");

    /// <summary>The instant the baseline is read for a measurement of the new version taken at <paramref name="at"/>.</summary>
    public DateTimeOffset BaselineAt(DateTimeOffset at) => BaselineTime ?? at;

    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>This is the baseline's view (<see cref="ForBaseline"/>): <c>{{version}}</c> is the baseline version.</summary>
    private bool IsBaseline { get; init; }

    public static ReleaseContext Of(
        string service, string version, string? baselineVersion = null, string? environment = null, TimeSpan? window = null, DateTimeOffset? baselineTime = null)
    {
        var values = new Dictionary<string, string> { ["service"] = service, ["version"] = version };
        if (baselineVersion is not null)
            values["baseline_version"] = baselineVersion;
        if (environment is not null)
            values["environment"] = environment;
        return new ReleaseContext(values, window ?? DefaultWindow) { BaselineTime = baselineTime };
    }

    /// <summary>The same release with a gate's own window.</summary>
    public ReleaseContext WithWindow(TimeSpan window) => window == Window ? this : new ReleaseContext(_values, window, IsBaseline) { BaselineTime = BaselineTime, IsBaseline = IsBaseline };

    /// <summary>The baseline's view: <c>{{version}}</c> becomes the baseline version, so one query template serves both.</summary>
    public ReleaseContext ForBaseline()
    {
        if (!_values.TryGetValue("baseline_version", out var baseline))
            throw new TemplateException("this gate compares with a baseline, but no baseline version was given: give --baseline-version or --set baseline_version=VALUE");
        return new ReleaseContext(new Dictionary<string, string>(_values) { ["version"] = baseline }, Window, asBaseline: true) { BaselineTime = BaselineTime, IsBaseline = true };
    }

    public string Render(string template) => QueryTemplate.Render(template, _values);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"[""\\{}\r\n]")]
    private static partial Regex UnsafeValue();
}
