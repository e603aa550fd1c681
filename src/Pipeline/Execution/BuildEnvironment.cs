using System.Collections;

namespace Shipgate.Pipeline.Execution;

/// <summary>What the runner reads from the process, gathered in one place so tests can supply their own.</summary>
internal sealed record BuildEnvironment(
    IReadOnlyDictionary<string, string> Variables,
    string WorkingDirectory,
    string ProgramDirectory,
    TextWriter Out,
    TextWriter Error)
{
    public static BuildEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "", StringComparer.Ordinal),
        Directory.GetCurrentDirectory(),
        AppContext.BaseDirectory,
        Console.Out,
        Console.Error);
}
