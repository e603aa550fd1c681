using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>Ledger records of svc/prod for the decision tests: release <c>id</c> is version v{id}, image reg/svc@sha256:{id}.</summary>
internal static class TestReleases
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A release deployed <paramref name="minutes"/> after <see cref="T0"/> (so later ones are newer).</summary>
    public static ReleaseRecord Release(string id, ReleasePhase phase, string? previous, int minutes, string? reason = null) => new()
    {
        ReleaseId = id,
        Service = "svc",
        Environment = "prod",
        Version = "v" + id,
        Image = "reg/svc@sha256:" + id,
        Commit = "c",
        DeployedBy = "ci",
        Phase = phase,
        Reason = reason,
        PreviousReleaseId = previous,
        DeployedAt = T0.AddMinutes(minutes),
        UpdatedAt = T0.AddMinutes(minutes),
    };
}
