using System.Diagnostics;

namespace Shipgate.LocalStack.Tests;

/// <summary>Runs promtool (Debian package prometheus) on generated files: the real parser, not ours.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("promtool", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("promtool did not start; apt-get install prometheus");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public static async Task AssertPassesAsync(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);
        Assert.True(exitCode == 0, $"promtool {string.Join(' ', args)} exited {exitCode}:\n{output}");
    }
}
