using CliWrap;
using CliWrap.Buffered;

namespace Shipgate.Bench.DeployTargets;

/// <summary>The docker CLI, as the comparison (never used by the product).</summary>
internal static class Cli
{
    public static async Task<string> DockerAsync(params string[] args)
    {
        var result = await CliWrap.Cli.Wrap("docker").WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    public static async Task TryDockerAsync(params string[] args) =>
        await CliWrap.Cli.Wrap("docker").WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
}
