using Shipgate.DeployTargets.Ledger;

namespace Shipgate.Release.Tests.Decisions;

/// <summary>Ledger entries for the pure decision tests: only what the test names differs.</summary>
internal static class TestRecords
{
    public static ReleaseRecord Release(string version, ReleasePhase phase, string? reason = null) =>
        new()
        {
            Service = "svc",
            Environment = "local",
            Version = version,
            ReleaseId = $"r-{version}",
            Image = $"127.0.0.1:5000/svc@sha256:{new string('0', 64)}",
            Commit = "abc",
            DeployedBy = "test",
            DeployedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            Phase = phase,
            Reason = reason,
        };
}
