using System.ComponentModel;
using System.Diagnostics;
using CliWrap;
using Serilog;
using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// Runs tools (dotnet, npm, git…) with an argument array, streams every output line into the log as it
/// arrives (masked by the log's sinks), and fails with a <see cref="ProcessFailedException"/> that quotes
/// the masked command line, the exit code and the last lines of each stream.
/// </summary>
/// <remarks>
/// Built on CliWrap rather than <see cref="Process"/> directly: it reads stdout and stderr concurrently
/// without the deadlocks of synchronous redirection, hands over whole lines, passes arguments without a
/// shell, and on cancellation kills the process tree — all of which we would otherwise hand-write.
/// </remarks>
public sealed class ProcessRunner
{
    private readonly ILogger _logger;
    private readonly SecretMasker _masker;

    public ProcessRunner(ILogger logger, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(masker);
        _logger = logger;
        _masker = masker;
    }

    /// <summary>
    /// The build's environment minus every variable whose value carries a registered secret: a daemon that Up starts
    /// outlives the build, and any process of its user can read its environment. A tool that needs a secret gets it
    /// explicitly, through <see cref="ToolInvocation.Environment"/>.
    /// </summary>
    private Dictionary<string, string?> ChildEnvironment(IReadOnlyDictionary<string, string?> given)
    {
        var environment = new Dictionary<string, string?>(given, StringComparer.Ordinal);
        foreach (var name in SecretCarryingVariables().Where(n => !environment.ContainsKey(n)))
            environment[name] = null;
        return environment;
    }

    /// <summary>
    /// The names of this process's environment variables whose value carries a registered secret: what a child started
    /// some other way (a library's own process runner) must be started without.
    /// </summary>
    public IReadOnlyList<string> SecretCarryingVariables()
    {
        var names = new List<string>();
        foreach (System.Collections.DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string value && _masker.Reveals(value))
                names.Add(name);
        }

        return names;
    }

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(new ToolInvocation(fileName, arguments), cancellationToken);

    /// <summary>
    /// Runs the tool to its end. Cancelling <paramref name="cancellationToken"/> kills it and throws
    /// <see cref="OperationCanceledException"/>; the <see cref="ToolInvocation.Timeout"/> kills it and
    /// throws <see cref="ProcessFailedException"/>.
    /// </summary>
    public async Task<ProcessResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var commandLine = _masker.Mask(CommandLineText.Format(invocation.FileName, invocation.Arguments));
        var tool = Path.GetFileName(invocation.FileName);
        var output = new List<OutputLine>();
        var logger = _logger.ForContext("Tool", tool);
        logger.Information("> {CommandLine:l}", commandLine);

        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithWorkingDirectory(invocation.WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(ChildEnvironment(invocation.Environment))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Record(OutputStream.StandardOutput, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Record(OutputStream.StandardError, line)));

        using var timeout = new CancellationTokenSource();
        if (invocation.Timeout is { } limit)
            timeout.CancelAfter(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stopwatch = Stopwatch.StartNew();
        int exitCode;
        try
        {
            exitCode = (await command.ExecuteAsync(linked.Token).ConfigureAwait(false)).ExitCode;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failure($"Timed out after {invocation.Timeout} and was killed: {commandLine}", commandLine, null, timedOut: true, Tail(output, invocation.TailLines));
        }
        catch (Win32Exception e)
        {
            throw Failure($"Could not start {tool} (is it installed and on PATH?): {commandLine}", commandLine, null, timedOut: false, OutputTail.Empty, e);
        }

        var result = new ProcessResult(exitCode, Snapshot(output), stopwatch.Elapsed);
        if (exitCode != 0 && invocation.ThrowOnFailure)
        {
            var tail = Tail(output, invocation.TailLines);
            throw Failure($"Exit code {exitCode}: {commandLine}{tail.Describe()}", commandLine, exitCode, timedOut: false, tail);
        }

        logger.Debug("{Tool:l} exited with {ExitCode} after {Duration}", tool, exitCode, result.Duration);
        return result;

        void Record(OutputStream stream, string line)
        {
            lock (output)
                output.Add(new OutputLine(stream, line));
            logger.ForContext("Stream", stream == OutputStream.StandardOutput ? "stdout" : "stderr")
                .Write(invocation.OutputLevel, "{Line:l}", line);
        }
    }

    private static List<OutputLine> Snapshot(List<OutputLine> output)
    {
        lock (output)
            return [.. output];
    }

    private OutputTail Tail(List<OutputLine> output, int count) => OutputTail.Of(Snapshot(output), count, _masker.Mask);

    // Messages are built from masked parts; the final Mask catches a secret split across them.
    private ProcessFailedException Failure(string message, string commandLine, int? exitCode, bool timedOut, OutputTail tail, Exception? inner = null) =>
        new(_masker.Mask(message), commandLine, exitCode, timedOut, tail, inner is null ? null : MaskedInner(inner));

    private Exception MaskedInner(Exception inner) => Logging.MaskedException.MaskIfNeeded(inner, _masker);
}
