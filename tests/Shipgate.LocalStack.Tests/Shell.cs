using System.Diagnostics;

namespace Shipgate.LocalStack.Tests;

/// <summary>Runs a command for a test (docker CLI, stack scripts); product code uses the Engine API.</summary>
internal static class Shell
{
    public static Task<string> RunAsync(string file, params string[] args) => RunAsync(allowFailure: false, file, args);

    public static async Task<string> RunAsync(bool allowFailure, string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
