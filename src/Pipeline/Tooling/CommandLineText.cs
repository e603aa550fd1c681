using System.Text;

namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// A command line for people to read and paste into a POSIX shell: arguments that need it are put in
/// single quotes (<c>dotnet build 'my project.csproj'</c>), a single quote inside becomes <c>'\''</c>.
/// Only for messages: the runner passes arguments as an array.
/// </summary>
public static class CommandLineText
{
    public static string Format(string fileName, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        return string.Join(' ', arguments.Prepend(fileName).Select(Quote));
    }

    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length > 0 && argument.All(IsPlain))
            return argument;
        var quoted = new StringBuilder("'");
        quoted.Append(argument.Replace("'", @"'\''", StringComparison.Ordinal));
        return quoted.Append('\'').ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "-_./:=,+@%".Contains(c, StringComparison.Ordinal);
}
