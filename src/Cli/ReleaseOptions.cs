using System.CommandLine;
using Shipgate.Gates.Templates;
using Shipgate.Core.Text;

namespace Shipgate.Cli;

/// <summary>The release's labels for the query templates: explicit options, or any name through --set key=value.</summary>
internal sealed class ReleaseOptions
{
    public Option<string[]> Set { get; } = new("--set") { Description = "a template value, key=value (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<string> Service { get; } = new("--service") { Description = "{{service}}" };

    public Option<string> Version { get; } = new("--version") { Description = "{{version}}: the release under test" };

    public Option<string> BaselineVersion { get; } = new("--baseline-version") { Description = "{{baseline_version}}: the version to compare with" };

    public Option<string> Environment { get; } = new("--environment") { Description = "{{environment}}" };

    public Option<string> Window { get; } = new("--window") { Description = "{{window}} for gates without their own, e.g. 2m (default 1m)" };

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

        var window = parse.GetValue(Window) is { } w
            ? PromDuration.TryParse(w, out var parsed) && parsed > TimeSpan.Zero ? parsed : throw new UsageException($"--window: '{w}' is not a duration such as 2m")
            : fileWindow ?? ReleaseContext.DefaultWindow;
        try
        {
            return new ReleaseContext(values, window);
        }
        catch (TemplateException e)
        {
            throw new UsageException(e.Message);
        }
    }

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
