namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// GitHub Actions workflow commands (<c>::group::</c>, <c>::error::</c>…), escaped the way the runner
/// expects so a message with a newline or <c>::</c> cannot end the command early or forge another.
/// </summary>
public static class WorkflowCommands
{
    public static string Group(string title) => $"::group::{EscapeData(title)}";

    public const string EndGroup = "::endgroup::";

    /// <summary><c>::error title=…::message</c> or <c>::warning …</c>; <paramref name="kind"/> is error, warning or notice.</summary>
    public static string Annotation(string kind, string message, string? title = null) =>
        title is null ? $"::{kind}::{EscapeData(message)}" : $"::{kind} title={EscapeProperty(title)}::{EscapeData(message)}";

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
