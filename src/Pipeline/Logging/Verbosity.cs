using Serilog.Events;

namespace Shipgate.Pipeline.Logging;

/// <summary>How much the console shows (<c>--verbosity</c>); the log file always has everything.</summary>
public enum Verbosity
{
    /// <summary>Errors only.</summary>
    Quiet,

    /// <summary>Warnings and errors.</summary>
    Minimal,

    /// <summary>Information and above: target progress and tool output.</summary>
    Normal,

    /// <summary>Everything, down to Verbose.</summary>
    Verbose,
}

public static class VerbosityLevels
{
    public static LogEventLevel ToLevel(this Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Normal => LogEventLevel.Information,
        Verbosity.Verbose => LogEventLevel.Verbose,
        _ => throw new ArgumentOutOfRangeException(nameof(verbosity), verbosity, null),
    };
}
