using Shipgate.DeployTargets.Targets;

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

    /// <summary>The platform the newest release that recorded one ran on (entries older than the platform label have none).</summary>
    public DeployPlatform? RecordedPlatform => Releases.FirstOrDefault(r => r.Platform is not null)?.Platform;

    public ReleaseRecord? Find(string releaseId) => Releases.FirstOrDefault(r => r.ReleaseId == releaseId);

    /// <summary>The rolled-back release that forbids deploying this version or image again, if any.</summary>
    public ReleaseRecord? RolledBackMatch(string version, string image) =>
        Releases.FirstOrDefault(r => r.Phase == ReleasePhase.RolledBack && (r.Version == version || r.Image == image));

    /// <summary>
    /// Refuses to deploy a version or image that was rolled back before, unless the request forces it.
    /// <paramref name="service"/> is the service as the target names it in messages.
    /// </summary>
    /// <exception cref="DeployTargetException">Kind <see cref="DeployErrorKind.VersionRolledBack"/>.</exception>
    public void RefuseIfRolledBack(DeployRequest request, string service)
    {
        if (!request.Force && RolledBackMatch(request.Version, request.Image) is { } refused)
            throw new DeployTargetException(DeployErrorKind.VersionRolledBack,
                $"Version {request.Version} ({request.Image}) of {service} was rolled back in release {refused.ReleaseId}: {refused.Reason}. Deploy with force to override.");
    }

    /// <summary>
    /// The release a new deploy replaces (null: none yet), refusing what no deploy may start over: a version rolled back
    /// before (<see cref="RefuseIfRolledBack"/>) and a canary held until a release manager approves it.
    /// </summary>
    /// <exception cref="DeployTargetException">Kind <see cref="DeployErrorKind.VersionRolledBack"/> or <see cref="DeployErrorKind.WrongPhase"/>.</exception>
    internal ReleaseRecord? RequireDeployable(DeployRequest request, string service)
    {
        RefuseIfRolledBack(request, service);
        return Current is { Phase: ReleasePhase.Held } held ? throw CanaryHold.Blocks($"deploy {request.Version}", held, service) : Current;
    }

    /// <summary>The serving release, which <paramref name="action"/> (e.g. "promote", "roll back") needs.</summary>
    /// <exception cref="DeployTargetException">Kind <see cref="DeployErrorKind.NothingToRollBack"/> when nothing serves.</exception>
    public ReleaseRecord RequireCurrent(string action, string service) =>
        Current ?? throw new DeployTargetException(DeployErrorKind.NothingToRollBack, $"{service} has no serving release to {action}.");

    /// <summary>
    /// The serving release, which must be <paramref name="expectedReleaseId"/> when one is given: Promote, Pause and
    /// Rollback act only on the release their caller verified, never on one another run deployed meanwhile.
    /// </summary>
    /// <exception cref="DeployTargetException">Kind <see cref="DeployErrorKind.NothingToRollBack"/> when nothing serves,
    /// <see cref="DeployErrorKind.ReleaseMismatch"/> naming both releases when another one serves.</exception>
    public ReleaseRecord RequireCurrent(string action, string service, string? expectedReleaseId)
    {
        if (expectedReleaseId is null) return RequireCurrent(action, service);
        var current = Current;
        if (current?.ReleaseId == expectedReleaseId) return current;
        var expected = Find(expectedReleaseId);
        var named = expected is null ? $"release {expectedReleaseId} (not in the ledger)" : $"release {Describe(expected)}";
        var serving = current is null ? "nothing serves" : $"the serving release is {Describe(current)}";
        throw new DeployTargetException(current is null && expected is null ? DeployErrorKind.NothingToRollBack : DeployErrorKind.ReleaseMismatch,
            $"Refusing to {action} {named} of {service}: {serving}. Only the release that was verified is acted on.");
    }

    /// <summary>A release as messages name it: id (version, phase).</summary>
    public static string Describe(ReleaseRecord release) => $"{release.ReleaseId} ({release.Version}, {release.Phase})";

    /// <summary>The release to return to when <paramref name="release"/> is rolled back, which must exist.</summary>
    /// <exception cref="DeployTargetException">Kind <see cref="DeployErrorKind.NothingToRollBack"/> when there is none.</exception>
    public ReleaseRecord RequireRollbackTargetOf(ReleaseRecord release, string service) =>
        RollbackTargetOf(release) ?? throw new DeployTargetException(DeployErrorKind.NothingToRollBack,
            $"Release {release.ReleaseId} ({release.Version}) of {service} has no previous release to roll back to.");

    /// <summary>
    /// The release to return to when <paramref name="release"/> is rolled back: the newest release before it that passed
    /// its gates (Promoted), never an unverified one in between; when none before it was ever promoted, its nearest
    /// serving one (there is no verified state to prefer).
    /// </summary>
    public ReleaseRecord? RollbackTargetOf(ReleaseRecord release)
    {
        var before = Predecessors(release).ToList();
        return before.FirstOrDefault(r => r.Phase == ReleasePhase.Promoted) ?? before.FirstOrDefault(r => r.Phase.IsServing());
    }

    /// <summary>
    /// The unpromoted releases between <paramref name="release"/> and <paramref name="target"/> that the ledger still
    /// calls serving: returning to the target passes over them, so they must be marked <see cref="ReleasePhase.PassedOver"/>
    /// or one of them would look current again.
    /// </summary>
    public IReadOnlyList<ReleaseRecord> PassedOverBy(ReleaseRecord release, ReleaseRecord? target) =>
        Predecessors(release).TakeWhile(r => r.ReleaseId != target?.ReleaseId).Where(r => r.Phase.IsServing()).ToList();

    /// <summary>Why a release is <see cref="ReleasePhase.PassedOver"/>: <paramref name="leaving"/> returned past it to <paramref name="target"/>.</summary>
    public static string PassedOverReason(ReleaseRecord leaving, ReleaseRecord? target) =>
        $"never promoted; release {leaving.ReleaseId} ({leaving.Version}) went back past it to the last promoted release {target?.ReleaseId ?? "(none)"} ({target?.Version ?? "-"})";

    /// <summary>The releases before <paramref name="release"/>, nearest first, as far as the ledger still has them.</summary>
    private IEnumerable<ReleaseRecord> Predecessors(ReleaseRecord release)
    {
        for (var previous = FindPrevious(release); previous is not null; previous = FindPrevious(previous))
            yield return previous;
    }

    private ReleaseRecord? FindPrevious(ReleaseRecord release) => release.PreviousReleaseId is { } id ? Find(id) : null;
}
