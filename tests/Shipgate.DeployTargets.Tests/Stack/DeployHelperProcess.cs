using System.Diagnostics;

namespace Shipgate.DeployTargets.Tests.Stack;

/// <summary>
/// A second process deploying through the real targets (DeployHelper): it hangs at a chosen phase, to be SIGKILLed
/// there or to hold the release lease while the test tries from this process; or it runs to the end.
/// </summary>
public sealed class DeployHelperProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private DeployHelperProcess(Process process) => _process = process;

    public static async Task<DeployHelperProcess> StartPausedAtAsync(string service, int port, string image, string version, string phase,
        string kind = "docker", params string[] options)
    {
        var helper = new DeployHelperProcess(Start(service, port, image, version, phase, kind, options));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await helper._process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException($"deploy helper exited before phase {phase}: {string.Join('\n', helper._lines)} {await helper._process.StandardError.ReadToEndAsync()}");
            helper._lines.Add(line);
            if (line == $"PAUSED {phase}") return helper;
        }
    }

    /// <summary>Runs a deploy to the end (no pause) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string service, int port, string image, string version, string kind = "docker",
        params string[] options)
    {
        using var process = Start(service, port, image, version, "never", kind, options);
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output + error);
    }

    public int Pid => _process.Id;

    /// <summary>The release id the helper deployed, once it printed it.</summary>
    public string? ReleaseId => _lines.FirstOrDefault(l => l.StartsWith("RELEASE ", StringComparison.Ordinal))?["RELEASE ".Length..];

    /// <summary>SIGKILL: no finally blocks, no lock release, nothing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static Process Start(string service, int port, string image, string version, string phase, string kind, string[] options)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(StackFixture.RepositoryRoot, "tests/Shipgate.DeployTargets.Tests/DeployHelper/bin", configuration,
            "net10.0/Shipgate.DeployTargets.DeployHelper.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "exec", dll, kind, service, "test", port.ToString(System.Globalization.CultureInfo.InvariantCulture), image, version, phase }.Concat(options))
            info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }
}
