using System.Diagnostics;
using System.Text;

namespace Shipgate.Testing;

/// <summary>
/// A finished process, run the way a person types it: arguments as an array, standard output and error interleaved,
/// a time limit (past it, the process tree is killed and the test fails with what it printed).
/// </summary>
public sealed record ProcessRun(int ExitCode, string Output, TimeSpan Duration)
{
    public static ProcessRun Start(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
            return new ProcessRun(process.ExitCode, output.ToString(), clock.Elapsed);

        void Append(string? line)
        {
            lock (output)
                output.AppendLine(line);
        }
    }

    /// <summary>Runs and fails the test, with the output, unless the process exits 0.</summary>
    public static string Checked(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var run = Start(program, arguments, workingDirectory, timeout);
        return run.ExitCode == 0 ? run.Output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}");
    }

    /// <summary>The output, for an assertion's message, with the exit code.</summary>
    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:F0} s\n{Output}";
}
