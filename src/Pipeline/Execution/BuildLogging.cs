using Serilog;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Logging;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Execution;

/// <summary>Starts the build's logger as Serilog's static <see cref="Log.Logger"/>; disposing flushes it.</summary>
internal static class BuildLogging
{
    public static IDisposable Start(string rootDirectory, string? verbosity, SecretMasker masker, TextWriter console, IBuildHost host)
    {
        var logger = BuildLog.Create(new BuildLogOptions
        {
            RootDirectory = rootDirectory,
            Masker = masker,
            Verbosity = ParseVerbosity(verbosity),
            ConsoleWriter = console,
            ExtraSinks = host.CreateLogSinks(masker.Mask),
        });
        Log.Logger = logger;
        return logger;
    }

    private static Verbosity ParseVerbosity(string? text) =>
        text is null ? Verbosity.Normal
        : Enum.TryParse<Verbosity>(text, ignoreCase: true, out var verbosity) && Enum.IsDefined(verbosity) ? verbosity
        : throw new ParameterException($"--verbosity '{text}' (command line) is not one of {string.Join(", ", Enum.GetNames<Verbosity>())}.");
}
