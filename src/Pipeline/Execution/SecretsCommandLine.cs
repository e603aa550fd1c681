using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Secrets;

namespace Shipgate.Pipeline.Execution;

/// <summary><c>./build.sh --secrets NAME... [--profile P]</c>: encrypts values read from standard input into a parameters file.</summary>
internal static class SecretsCommandLine
{
    public static int Run(string root, ArgumentList arguments, IReadOnlyList<string> names, BuildEnvironment environment)
    {
        var profile = arguments.Values("profile")?.LastOrDefault();
        var file = ParameterFile.PathFor(root, profile);
        var password = SecretsPassword.Get(environment.Variables, file, SecretsPassword.TerminalPrompt);
        return SecretsCommand.Run(root, profile, names, password, Console.In, environment.Out);
    }
}
