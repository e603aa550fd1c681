using System.CommandLine;
using Shipgate.Core.Text;
using Shipgate.Gates.Templates;

namespace Shipgate.Cli;

/// <summary>The release's labels for the query templates: explicit options, or any name through --set key=value.</summary>
internal sealed class ReleaseOptions
{
    public Option<string[]> Set { get; } = new("--set") { Description = "a template value, key=value (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<string> Service { get; } = new("--service") { Description = "{{service}}" };

    public Option<string> Version { get; } = new("--version") { Description = "{{version}}: the release under test" };

    public Option<string> BaselineVersion { get; } = new("--baseline-version") { Description = "{{baseline_version}}: the version to compare with" };

    public Option<string> Environment { get; } = new("--environment") { Description = "{{environment}}" };

    public Option<string> Window { get; } = new("--window") { Description = "{{window}} for gates without their own, e.g. 2m; wins over the file's defaults (default: the file's, else 1m)" };

    public IEnumerable<Option> All => [Set, Service, Version, BaselineVersion, Environment, Window];

    /// <summary>The names --set adds to the known template variables.</summary>
    public IReadOnlyList<string> SetNames(ParseResult parse) => SetValues(parse).Keys.ToList();

    public ReleaseContext Build(ParseResult parse, TimeSpan? fileWindow, bool placeholders = false)
    {
        var values = SetValues(parse);
        foreach (var (option, name) in new[] { (Service, "service"), (Version, "version"), (BaselineVersion, "baseline_version"), (Environment, "environment") })
        {
            if (parse.GetValue(option) is { } value)
                values[name] = value;
            else if (placeholders)
                values.TryAdd(name, $"lint-{name}");
        }

        var (window, _) = ChooseWindow(parse, fileWindow);
        try
        {
            return new ReleaseContext(values, window);
        }
        catch (TemplateException e)
        {
            throw new UsageException(OptionFor(e.Message));
        }
    }

    /// <summary>
    /// The release's window and where it came from: --window wins over the file's defaults, which win over the
    /// built-in default. Gates with a window of their own keep it.
    /// </summary>
    public (TimeSpan Window, string Source) ChooseWindow(ParseResult parse, TimeSpan? fileWindow)
    {
        if (parse.GetValue(Window) is { } w)
        {
            var given = DurationOption.Parse(w, "--window", TimeSpan.FromSeconds(1), TimeSpan.FromDays(31), "2m");
            return (given, fileWindow is { } f && f != given ? $"--window (the file's defaults say {PromDuration.Format(f)})" : "--window");
        }

        return fileWindow is { } file ? (file, "the gates file's defaults") : (ReleaseContext.DefaultWindow, "the built-in default");
    }

    /// <summary>Names the option behind a template variable in a message about it.</summary>
    private static string OptionFor(string message) =>
        message.Replace("'version'", "--version ('version')", StringComparison.Ordinal)
            .Replace("'baseline_version'", "--baseline-version ('baseline_version')", StringComparison.Ordinal)
            .Replace("'service'", "--service ('service')", StringComparison.Ordinal)
            .Replace("'environment'", "--environment ('environment')", StringComparison.Ordinal);

    private Dictionary<string, string> SetValues(ParseResult parse)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parse.GetValue(Set) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new UsageException($"--set: '{pair}' is not key=value");
            values[pair[..equals]] = pair[(equals + 1)..];
        }

        return values;
    }
}
