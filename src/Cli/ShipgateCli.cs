using System.CommandLine;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Cli;

/// <summary>
/// The `shipgate` command line: <c>lint</c> and <c>verify</c>. Runs in-process for tests: output and
/// errors go to the given writers, and the exit code is returned (see <see cref="ExitCodes"/>).
/// </summary>
public static class ShipgateCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand($"Verify a release against Prometheus: error rate, latency, drift and more, with a verdict and reports.\n{ExitCodes.Help}.");
        root.Subcommands.Add(LintCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(BacktestCommand.Create(output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                await error.WriteLineAsync($"shipgate: {problem.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'shipgate --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            // Signals are the host's (Program.cs) to turn into the token: no second handler that would cancel
            // the command behind this method's back.
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UsageException or GatesFileException or GateConfigurationException or TemplateException or InvalidQueryException)
        {
            await error.WriteLineAsync($"shipgate: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (MetricSourceException e)
        {
            var unavailable = e is MetricSourceConnectionException or MetricSourceServerException || e.IsTransient;
            await error.WriteLineAsync($"shipgate: {(unavailable ? "the metrics backend is unavailable: " : "")}{e.Message}").ConfigureAwait(false);
            return unavailable ? ExitCodes.BackendUnavailable : ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            // An analysis cut short has not shown the release is good.
            await error.WriteLineAsync("shipgate: cancelled before a verdict: inconclusive").ConfigureAwait(false);
            return ExitCodes.Inconclusive;
        }
    }
}
