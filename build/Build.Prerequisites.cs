using Shipgate.Pipeline;
using Shipgate.Pipeline.Tooling;
using Shipgate.Release.Components;

namespace Shipgate.Build;

/// <summary>
/// What the tests and the local stack need on the machine, installed by the build itself so that the README's
/// commands are the whole set-up: scripts/install-prerequisites.sh, idempotent (a no-op once everything is there).
/// </summary>
internal sealed partial class Build
{
    private Target Prerequisites => _ => _
        .Description("Installs what is missing for the tests and the local stack (apt: Docker engine, registry, Prometheus; npm: CI validators); a no-op when all is there")
        .DependentFor(Test)
        .DependentFor<IReleaseTargets>(x => x.Up)
        .Executes(InstallPrerequisitesAsync);

    private async Task InstallPrerequisitesAsync(CancellationToken cancellation)
    {
        var script = Path.Combine(RootDirectory, "scripts", "install-prerequisites.sh");
        var result = await Tools.RunAsync(new ToolInvocation("bash", [script]) { WorkingDirectory = RootDirectory, ThrowOnFailure = false }, cancellation);
        // The script's last line says why it cannot (not root, no apt, no npm); that line is the whole message.
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.Output.Select(line => line.Text).LastOrDefault(text => text.StartsWith("install-prerequisites:", StringComparison.Ordinal))
                ?? $"scripts/install-prerequisites.sh exited {result.ExitCode}");
    }
}
