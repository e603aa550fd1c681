using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;

namespace Shipgate.DeployTargets.Tests;

/// <summary>
/// The switch sentinel is a detached child that can outlive the deploying process: it gets only what it needs (the
/// PATH for bash, curl and date), never the build's environment with the secrets given to it as variables.
/// </summary>
public sealed class SwitchSentinelTests
{
    [Fact]
    public async Task The_sentinel_inherits_no_variable_of_the_deploying_process_but_the_path()
    {
        const string Name = "SHIPGATE_SENTINEL_TEST_REGISTRY_PASSWORD";
        var marker = $"sentinel-test-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(Name, "hunter2-registry-password");
        try
        {
            using var sentinel = SwitchSentinel.Arm(EngineConnection.Local, marker, ["previous-of-" + marker]);
            var environment = await EnvironmentOfAsync(marker);

            Assert.DoesNotContain(environment, v => v.StartsWith(Name + "=", StringComparison.Ordinal));
            Assert.Equal(["PATH"], environment.Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)]).Where(n => n != "PWD" && n != "SHLVL" && n != "_").Order(StringComparer.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, null);
        }
    }

    /// <summary>The environment of the (detached) sentinel whose command line names <paramref name="marker"/>.</summary>
    private static async Task<string[]> EnvironmentOfAsync(string marker)
    {
        for (var look = 0; look < 50; look++)
        {
            foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                try
                {
                    var commandLine = await File.ReadAllTextAsync(Path.Combine(process, "cmdline"));
                    if (commandLine.Contains("shipgate-switch-sentinel", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
                        return (await File.ReadAllTextAsync(Path.Combine(process, "environ"))).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Gone or not ours.
                }
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"no sentinel for {marker} found");
    }
}
