namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// A tool exited with a non-zero code, timed out or could not start. The message holds the command line
/// (secrets masked, arguments quoted), the exit code and the last output lines (masked).
/// </summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException(string message)
        : base(message)
    {
        CommandLine = "";
        LastLines = [];
    }

    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        CommandLine = "";
        LastLines = [];
    }

    public ProcessFailedException()
        : this("A process failed.")
    {
    }

    internal ProcessFailedException(string message, string commandLine, int? exitCode, bool timedOut, IReadOnlyList<string> lastLines, Exception? innerException = null)
        : base(message, innerException)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        TimedOut = timedOut;
        LastLines = lastLines;
    }

    /// <summary>The command line, secrets masked.</summary>
    public string CommandLine { get; }

    /// <summary>The exit code; null when the process could not start or was killed.</summary>
    public int? ExitCode { get; }

    public bool TimedOut { get; }

    /// <summary>The last output lines, secrets masked.</summary>
    public IReadOnlyList<string> LastLines { get; }
}
