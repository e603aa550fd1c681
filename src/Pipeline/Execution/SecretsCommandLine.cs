using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Execution;

/// <summary><c>./build.sh --secrets NAME... [--profile P]</c>: encrypts values read from standard input into a parameters file.</summary>
internal static class SecretsCommandLine
{
    public static int Run(string root, ArgumentList arguments, IReadOnlyList<string> names, IReadOnlyList<ParameterDescriptor> parameters, BuildEnvironment environment)
    {
        environment.Error.WriteLine("--secrets is not available yet.");
        return BuildRunner.InvalidInvocation;
    }
}
