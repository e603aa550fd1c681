using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.SystemConsole.Themes;

namespace Shipgate.Pipeline.Logging;

/// <summary>
/// The build's Serilog logger: the console (coloured on a terminal) at the chosen verbosity, a compact
/// JSON file with everything, and any extra sinks — all behind one <see cref="MaskingSink"/>. Events
/// are enriched from <see cref="Serilog.Context.LogContext"/>, so a <c>Target</c> property pushed while a
/// target runs shows on each console line and in the file.
/// </summary>
public static class BuildLog
{
    public const string ConsoleTemplate = "{Timestamp:HH:mm:ss} [{Level:u3}] {TargetPrefix:l}{Message:lj}{NewLine}{Exception}";

    public static string DefaultLogFilePath(string rootDirectory) =>
        Path.Combine(Path.GetFullPath(rootDirectory), ".nuke", "temp", "build.log");

    /// <summary>Creates the logger; dispose it at the end of the build to flush the file.</summary>
    public static Logger Create(BuildLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var consoleLevel = options.Verbosity.ToLevel();
        var sinks = new List<ILogEventSink> { ConsoleSink(options, consoleLevel) };
        var file = options.LogFilePath ?? DefaultLogFilePath(options.RootDirectory);
        if (file.Length > 0)
            sinks.Add(FileSink(file));
        sinks.AddRange(options.ExtraSinks.Select(sink => Restricted(sink, consoleLevel)));

        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .WriteTo.Sink(new MaskingSink(options.Masker, sinks))
            .CreateLogger();
    }

    private static ILogEventSink ConsoleSink(BuildLogOptions options, LogEventLevel level)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        Logger console;
        // Console.Out handed in explicitly still gets the real console sink, with colours on a terminal.
        if (options.ConsoleWriter is { } writer && !ReferenceEquals(writer, Console.Out))
        {
            console = configuration.WriteTo.Sink(new TextWriterSink(writer, ConsoleTemplate), level).CreateLogger();
        }
        else
        {
            var colors = options.UseColors ?? (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
            console = configuration.WriteTo.Console(
                    restrictedToMinimumLevel: level,
                    outputTemplate: ConsoleTemplate,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    theme: colors ? AnsiConsoleTheme.Literate : ConsoleTheme.None,
                    applyThemeToRedirectedOutput: colors)
                .CreateLogger();
        }

        return new TargetPrefixSink(console);
    }

    // One file per run: the previous run's log is replaced, not appended to.
    private static Logger FileSink(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        return new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.File(new CompactJsonFormatter(), path)
            .CreateLogger();
    }

    // A Logger used as a sink applies no minimum level to what it is handed; the restriction must be on the sink.
    private static Logger Restricted(ILogEventSink sink, LogEventLevel level) =>
        new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink, level).CreateLogger();
}
