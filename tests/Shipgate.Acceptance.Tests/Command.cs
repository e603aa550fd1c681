using System.Diagnostics;
using System.Text;

namespace Shipgate.Acceptance.Tests;

/// <summary>One program run the way the adopting team types it: arguments as an array, output and error together, a time limit.</summary>
internal sealed record Command(int ExitCode, string Output, TimeSpan Duration)
{
    public static Command Run(string directory, string program, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
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
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran longer than {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
            return new Command(process.ExitCode, output.ToString(), clock.Elapsed);

        void Append(string? line)
        {
            lock (output)
                output.AppendLine(line);
        }
    }

    /// <summary>The output, for an assertion's message, with the command's exit code.</summary>
    public override string ToString() => $"exit {ExitCode} after {Duration.TotalSeconds:F0} s\n{Output}";
}
