using Serilog;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Secrets;

namespace Shipgate.Pipeline.Execution;

/// <summary>Starts the build's logger as Serilog's static <see cref="Log.Logger"/>; disposing flushes it.</summary>
internal static class BuildLogging
{
    public static IDisposable Start(string rootDirectory, string? verbosity, SecretMasker masker, IBuildHost host)
    {
        Log.Logger = new LoggerConfiguration().Enrich.FromLogContext().WriteTo.Console().CreateLogger();
        return new Flush();
    }

    private sealed class Flush : IDisposable
    {
        public void Dispose() => Log.CloseAndFlush();
    }
}
