using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Help;

/// <summary>
/// The text of <c>--help</c>: targets with their direct dependencies, then parameters with their defaults (what the
/// member holds, or its getter returns, before anything is injected), then built-ins.
/// </summary>
internal static class HelpText
{
    private static readonly (string Option, string Description)[] BuiltIns =
    [
        ("--target <names>", "Targets to run (or give them first, positionally); case-insensitive, dashes ignored"),
        ("--skip [<names>]", "Skip the named targets, or every target not invoked when no name follows"),
        ("--plan", "Print the plan and write .nuke/temp/plan.html with the graph, then exit"),
        ("--help", "This text"),
        ("--root <dir>", "The repository root (default: the nearest directory with a .nuke folder)"),
        ("--verbosity <level>", "Quiet, Minimal, Normal (default) or Verbose"),
        ("--profile <names>", "Also read .nuke/parameters.<name>.json; a later profile wins"),
        ("--host <name>", "Force the build host: Terminal, GitHubActions, GitLab or Jenkins"),
        ("--secrets <names>", "Encrypt values read from standard input into the parameters file (see README)"),
        ("--approve", "Approve the targets that require approval (needed without a terminal)"),
    ];

    public static string Render(IReadOnlyList<ExecutableTarget> targets, string? defaultTarget, IReadOnlyList<ParameterDescriptor> parameters, object build)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [targets] [--parameter value ...]").AppendLine();

        text.AppendLine("Targets (-> direct dependencies):");
        var listed = targets.Where(t => !t.Definition.IsUnlisted).ToList();
        var nameWidth = listed.Select(t => Label(t, defaultTarget).Length).DefaultIfEmpty(0).Max() + 2;
        var depsWidth = listed.Select(t => Dependencies(t).Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var target in listed)
            text.AppendLine($"  {Label(target, defaultTarget).PadRight(nameWidth)}{Dependencies(target).PadRight(depsWidth)}{target.Description}".TrimEnd());

        text.AppendLine().AppendLine("Parameters:");
        var rows = parameters.Select(p => ($"--{p.Name} <{TypeName(p)}>", Describe(p, build))).ToList();
        AppendRows(text, rows.Count > 0 ? rows : [("(none)", "")]);

        text.AppendLine().AppendLine("Built-in options:");
        AppendRows(text, BuiltIns);
        return text.ToString();
    }

    private static string Label(ExecutableTarget target, string? defaultTarget) =>
        target.Name == defaultTarget ? $"{target.Name} (default)" : target.Name;

    private static string Dependencies(ExecutableTarget target) =>
        target.Node.DependsOn.Count == 0 ? "" : "-> " + string.Join(", ", target.Node.DependsOn);

    private static string Describe(ParameterDescriptor parameter, object build)
    {
        if (parameter.IsSecret)
            return $"{parameter.Description} (secret)".TrimStart();
        // A description that already explains its default ("default: the environment's") keeps its own words.
        if (parameter.Description.Contains("default:", StringComparison.OrdinalIgnoreCase))
            return parameter.Description;
        return DefaultText(parameter, build) is { } value ? $"{parameter.Description} (default: {value})".TrimStart() : parameter.Description;
    }

    /// <summary>The default as it would be typed on the command line; null when there is none worth showing (null, empty, false).</summary>
    private static string? DefaultText(ParameterDescriptor parameter, object build)
    {
        object? value;
        try
        {
            value = parameter.GetValue(build);
        }
        catch (TargetInvocationException)
        {
            // A getter that cannot answer before the build runs has no default to show.
            return null;
        }

        return value switch
        {
            null or false => null,
            string { Length: 0 } => null,
            string text => text,
            IEnumerable items => string.Join(' ', items.Cast<object?>().Select(Format)) is { Length: > 0 } joined ? joined : null,
            _ => Format(value),
        };

        static string Format(object? item) => item switch
        {
            null => "",
            Enum member => ParameterNames.ToKebabCase(member.ToString()),
            bool flag => flag ? "true" : "false",
            TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => item.ToString() ?? "",
        };
    }

    private static string TypeName(ParameterDescriptor parameter)
    {
        var type = parameter.ValueType;
        var name = type.IsEnum ? string.Join("|", Enum.GetNames(type)) : type.Name.ToLowerInvariant();
        return parameter.IsArray ? name + "..." : name;
    }

    private static void AppendRows(StringBuilder text, IReadOnlyList<(string Option, string Description)> rows)
    {
        var width = rows.Max(row => row.Option.Length) + 2;
        foreach (var (option, description) in rows)
            text.AppendLine($"  {option.PadRight(width)}{description}".TrimEnd());
    }
}
