using Serilog.Core;
using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Logging;

/// <summary>What <see cref="BuildLog.Create"/> builds.</summary>
public sealed class BuildLogOptions
{
    /// <summary>The build root; the log file goes to <c>.nuke/temp/build.log</c> under it.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The secrets every sink masks; register values in it at any time, before or after creating the logger.</summary>
    public required SecretMasker Masker { get; init; }

    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>Colours on the console; null decides: on when stdout is a terminal and <c>NO_COLOR</c> is unset.</summary>
    public bool? UseColors { get; init; }

    /// <summary>Where console lines go instead of the process console (tests, embedding), as plain text; null or <see cref="Console.Out"/> for the process console.</summary>
    public TextWriter? ConsoleWriter { get; init; }

    /// <summary>Overrides the log file path (default <c>ROOT/.nuke/temp/build.log</c>); null default, empty string for no file.</summary>
    public string? LogFilePath { get; init; }

    /// <summary>
    /// More sinks (CI hosts: GitHub <c>::group::</c>, annotations…), fed masked events at the console's
    /// level. The logger owns them: disposing it disposes them.
    /// </summary>
    public IEnumerable<ILogEventSink> ExtraSinks { get; init; } = [];
}
