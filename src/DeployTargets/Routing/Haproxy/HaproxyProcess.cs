using System.Diagnostics;
using System.Text;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// I/O: Shipgate's own HAProxy: writes the generated configuration, has HAProxy check it (`haproxy -c`), starts it in
/// the foreground (`-db`, a child of this process) and waits until its runtime API answers. Disposing stops it.
/// </summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HaproxyProcess(Process process, StringBuilder output, string configPath, RuntimeApiEndpoint runtimeApi)
    {
        _process = process;
        _output = output;
        ConfigPath = configPath;
        RuntimeApi = runtimeApi;
    }

    public string ConfigPath { get; }

    public RuntimeApiEndpoint RuntimeApi { get; }

    public int ProcessId => _process.Id;

    /// <summary>What HAProxy wrote on stdout and stderr so far (alerts, warnings).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Shipgate's generated configuration for <paramref name="spec"/>.</summary>
    public static Task<HaproxyProcess> StartAsync(
        HaproxyConfigSpec spec, string directory, string executable = "haproxy", TimeSpan? readyTimeout = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(
            HaproxyConfig.Generate(spec), RuntimeApiEndpoint.UnixSocket(spec.RuntimeSocketPath), directory, executable,
            readyTimeout, cancellationToken);

    /// <summary>Any configuration whose runtime API is at <paramref name="runtimeApi"/> (e.g. a user's, to try it).</summary>
    public static async Task<HaproxyProcess> StartAsync(
        string configuration, RuntimeApiEndpoint runtimeApi, string directory, string executable = "haproxy",
        TimeSpan? readyTimeout = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, configuration, cancellationToken).ConfigureAwait(false);
        await CheckConfigAsync(executable, configPath, cancellationToken).ConfigureAwait(false);

        var output = new StringBuilder();
        var process = Start(executable, ["-db", "-f", configPath], output);
        var started = new HaproxyProcess(process, output, configPath, runtimeApi);
        try
        {
            await started.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var api = new RuntimeApiClient(RuntimeApi, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new TrafficRouterException(RouterErrorKind.StartFailed, $"haproxy exited with {_process.ExitCode}: {Output.Trim()}");
            try
            {
                if ((await api.SendAsync("show info", cancellationToken).ConfigureAwait(false)).Contains("Name: HAProxy", StringComparison.Ordinal))
                    return;
            }
            catch (TrafficRouterException) when (clock.Elapsed < timeout)
            {
                // Not listening yet.
            }
            catch (TrafficRouterException e)
            {
                throw new TrafficRouterException(RouterErrorKind.StartFailed, $"haproxy did not answer within {timeout.TotalSeconds:0.#} s: {Output.Trim()}", e);
            }

            await Task.Delay(ReadyPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CheckConfigAsync(string executable, string configPath, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var check = Start(executable, ["-c", "-q", "-f", configPath], output);
        await check.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (check.ExitCode != 0)
            throw new TrafficRouterException(RouterErrorKind.StartFailed, $"haproxy refused {configPath}: {output.ToString().Trim()}");
    }

    private static Process Start(string executable, IReadOnlyList<string> arguments, StringBuilder output)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (output)
                output.AppendLine(e.Data);
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new TrafficRouterException(
                RouterErrorKind.StartFailed, $"cannot run {executable} (scripts/install-prerequisites.sh installs the haproxy package): {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
