using Shipgate.DeployTargets.Ledger;
using Shipgate.Release.Artifacts;

namespace Shipgate.Release.Decisions;

/// <summary>Pure: may this version be deployed, given the ledger? A version that was rolled back needs --force.</summary>
public static class VersionRules
{
    public static IReadOnlyList<string> Problems(string version, IReadOnlyList<ReleaseRecord> history, bool force)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (ReleaseVersion.Problem(version) is { } problem)
            return [$"--version {problem}"];
        var rolledBack = history.FirstOrDefault(r => r.Version == version && r.Phase is ReleasePhase.RolledBack);
        return rolledBack is not null && !force
            ? [$"version {version} was rolled back before ({rolledBack.ReleaseId}: {rolledBack.Reason ?? "no reason recorded"}); give --force to deploy it again"]
            : [];
    }
}
