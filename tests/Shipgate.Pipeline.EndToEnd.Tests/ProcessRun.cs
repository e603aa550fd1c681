using System.Diagnostics;
using System.Text;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>A finished process: its exit code and its standard output and error, interleaved.</summary>
public sealed record ProcessRun(int ExitCode, string Output)
{
    public static ProcessRun Start(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
            return new ProcessRun(process.ExitCode, output.ToString());
    }

    /// <summary>Runs and fails the test, with the output, unless the process exits 0.</summary>
    public static string Checked(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var run = Start(program, arguments, workingDirectory, timeout);
        return run.ExitCode == 0 ? run.Output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
    }
}
