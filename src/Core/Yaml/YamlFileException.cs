namespace Shipgate.Core.Yaml;

/// <summary>A YAML file that cannot be used: the message starts with <c>file:line:column</c> (just <c>file</c> when it cannot be read).</summary>
public class YamlFileException(string file, long line, long column, string problem)
    : Exception(line > 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public long Column { get; } = column;

    public string Problem { get; } = problem;
}
