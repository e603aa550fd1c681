using Shipgate.Core.Yaml;

namespace Shipgate.Gates.Yaml;

/// <summary>A gates file that cannot be used: the message starts with <c>file:line:column</c> (just <c>file</c> when it cannot be read).</summary>
public sealed class GatesFileException(string file, long line, long column, string problem)
    : YamlFileException(file, line, column, problem);
