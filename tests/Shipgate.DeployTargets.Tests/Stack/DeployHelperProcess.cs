using System.Diagnostics;

namespace Shipgate.DeployTargets.Tests.Stack;

/// <summary>A child process deploying through the real DockerTarget that hangs at a chosen phase, to be SIGKILLed there.</summary>
public sealed class DeployHelperProcess : IDisposable
{
    private readonly Process _process;

    private DeployHelperProcess(Process process) => _process = process;

    public static async Task<DeployHelperProcess> StartPausedAtAsync(string service, int port, string image, string version, string phase, string kind = "docker")
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(StackFixture.RepositoryRoot, "tests/Shipgate.DeployTargets.Tests/DeployHelper/bin", configuration,
            "net10.0/Shipgate.DeployTargets.DeployHelper.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "exec", dll, kind, service, "test", port.ToString(System.Globalization.CultureInfo.InvariantCulture), image, version, phase })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        var helper = new DeployHelperProcess(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException($"deploy helper exited before phase {phase}: {await process.StandardError.ReadToEndAsync()}");
            if (line == $"PAUSED {phase}") return helper;
        }
    }

    public int Pid => _process.Id;

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
}
