namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// A tool exited with a non-zero code, timed out or could not start. The message holds the command line
/// (secrets masked, arguments quoted), the exit code and the last lines of standard output and of standard
/// error (masked), kept apart: the two pipes are read concurrently, so no order across them is known.
/// </summary>
public sealed class ProcessFailedException : Exception
{
    public ProcessFailedException(string message)
        : base(message)
    {
        CommandLine = "";
        Tail = OutputTail.Empty;
    }

    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        CommandLine = "";
        Tail = OutputTail.Empty;
    }

    public ProcessFailedException()
        : this("A process failed.")
    {
    }

    internal ProcessFailedException(string message, string commandLine, int? exitCode, bool timedOut, OutputTail tail, Exception? innerException = null)
        : base(message, innerException)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        TimedOut = timedOut;
        Tail = tail;
    }

    /// <summary>The command line, secrets masked.</summary>
    public string CommandLine { get; }

    /// <summary>The exit code; null when the process could not start or was killed.</summary>
    public int? ExitCode { get; }

    public bool TimedOut { get; }

    /// <summary>The last lines of each stream, secrets masked.</summary>
    public OutputTail Tail { get; }

    /// <summary>The last lines of standard output, then those of standard error (not interleaved: see <see cref="OutputTail"/>), secrets masked.</summary>
    public IReadOnlyList<string> LastLines => Tail.Lines;
}
