namespace Shipgate.DeployTargets.Ledger;

/// <summary>Pure questions about a service's ledger: what serves, what came before, may a version deploy.</summary>
public sealed class ReleaseHistory(IEnumerable<ReleaseRecord> records)
{
    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReleaseRecord> Releases { get; } = records
        .GroupBy(r => r.ReleaseId).Select(g => g.MaxBy(r => r.Revision)!)
        .OrderByDescending(r => r.DeployedAt).ThenByDescending(r => r.ReleaseId, StringComparer.Ordinal).ToList();

    /// <summary>The newest release that is (or should be) serving.</summary>
    public ReleaseRecord? Current => Releases.FirstOrDefault(r => r.Phase.IsServing());

    public ReleaseRecord? Previous => Current?.PreviousReleaseId is { } id ? Find(id) : null;

    public IReadOnlyList<ReleaseRecord> InFlight => Releases.Where(r => r.Phase.IsInFlight()).ToList();

    public ReleaseRecord? Find(string releaseId) => Releases.FirstOrDefault(r => r.ReleaseId == releaseId);

    /// <summary>The rolled-back release that forbids deploying this version or image again, if any.</summary>
    public ReleaseRecord? RolledBackMatch(string version, string image) =>
        Releases.FirstOrDefault(r => r.Phase == ReleasePhase.RolledBack && (r.Version == version || r.Image == image));

    /// <summary>The release to return to when <paramref name="release"/> is rolled back: its previous one while that still exists and served.</summary>
    public ReleaseRecord? RollbackTargetOf(ReleaseRecord release)
    {
        var previousId = release.PreviousReleaseId;
        while (previousId is not null && Find(previousId) is { } previous)
        {
            if (previous.Phase.IsServing()) return previous;
            previousId = previous.PreviousReleaseId;
        }
        return null;
    }
}
