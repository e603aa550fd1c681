using System.Text;
using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Help;

/// <summary>The text of <c>--help</c>: targets with their direct dependencies, then parameters, then built-ins.</summary>
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

    public static string Render(IReadOnlyList<ExecutableTarget> targets, string? defaultTarget, IReadOnlyList<ParameterDescriptor> parameters)
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
        var rows = parameters.Select(p => ($"--{p.Name} <{TypeName(p)}>", Describe(p))).ToList();
        AppendRows(text, rows.Count > 0 ? rows : [("(none)", "")]);

        text.AppendLine().AppendLine("Built-in options:");
        AppendRows(text, BuiltIns);
        return text.ToString();
    }

    private static string Label(ExecutableTarget target, string? defaultTarget) =>
        target.Name == defaultTarget ? $"{target.Name} (default)" : target.Name;

    private static string Dependencies(ExecutableTarget target) =>
        target.Node.DependsOn.Count == 0 ? "" : "-> " + string.Join(", ", target.Node.DependsOn);

    private static string Describe(ParameterDescriptor parameter) =>
        parameter.IsSecret ? $"{parameter.Description} (secret)".TrimStart() : parameter.Description;

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
