using Serilog.Events;

namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// One run of a tool: the executable and its arguments as an array — never a shell string, so nothing
/// is word-split, globbed or interpreted, and a value with spaces or quotes reaches the tool intact.
/// </summary>
/// <param name="FileName">The executable: a name looked up on PATH (<c>dotnet</c>) or a path.</param>
/// <param name="Arguments">The arguments, one element each.</param>
public sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The working directory; null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set for the tool on top of this process's environment; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Killed (with its child processes) after this long; null waits forever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A non-zero exit code throws <see cref="ProcessFailedException"/>; false returns it in the result.</summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>The level output lines are logged at.</summary>
    public LogEventLevel OutputLevel { get; init; } = LogEventLevel.Information;

    /// <summary>How many of the last lines of each stream (standard output, standard error) a <see cref="ProcessFailedException"/> quotes.</summary>
    public int TailLines { get; init; } = 10;
}
