using Shipgate.Pipeline.Tooling;

namespace Shipgate.Build;

/// <summary>How this build calls the dotnet CLI: from the root, argument arrays, output in the log.</summary>
internal sealed partial class Build
{
    private void DotNet(params string[] arguments) => DotNetAsync(arguments, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs dotnet and returns its exit code; a non-zero code is left to the caller to judge.</summary>
    private async Task<int> DotNetAsync(IReadOnlyList<string> arguments, CancellationToken cancellation, bool throwOnFailure = true)
    {
        var result = await Tools.RunAsync(new ToolInvocation("dotnet", arguments) { WorkingDirectory = RootDirectory, ThrowOnFailure = throwOnFailure }, cancellation);
        return result.ExitCode;
    }
}
