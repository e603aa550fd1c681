using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;

namespace Shipgate.DeployTargets.Recovery;

/// <summary>
/// Pure: from the ledger and the containers observed, decides how to bring a service back to a known state after
/// a process died mid-deploy. A deploy in flight is undone (its container removed, its rollback target serving
/// again: the last promoted release, passing over unpromoted ones in between); a rollback in flight is finished; a
/// verification whose verifier is gone is rolled back (an unverified release never stays serving as if it were healthy). Containers no ledger entry accounts for are removed.
/// An empty plan means the state is consistent.
/// Behind a router the current release takes all the traffic before anything else is taken away (restored first if
/// its container stopped, then routed, then the others drained out of the router, and only then removed), and the
/// release to roll back to stays running at weight 0 until the current one is promoted. A canary
/// <see cref="ReleasePhase.Held"/> until approved is not in flight: it and the stable release beside it keep their shares.
/// </summary>
public static class RecoveryPlanner
{
    /// <param name="history">the ledger</param>
    /// <param name="instances">what the engine runs for the service</param>
    /// <param name="abandonedVerifications">ids of <see cref="ReleasePhase.Verifying"/> releases whose verifier is gone
    /// (see <see cref="AbandonedVerifications"/>)</param>
    /// <param name="routerWeights">behind a router: the weight of each release's server in the backend (by release id);
    /// null without a router</param>
    public static IReadOnlyList<RecoveryStep> Plan(ReleaseHistory history, IReadOnlyList<ObservedInstance> instances,
        IReadOnlySet<string>? abandonedVerifications = null, IReadOnlyDictionary<string, int>? routerWeights = null)
    {
        var steps = new List<RecoveryStep>();
        var removed = new HashSet<string>();
        var settled = history.Releases.ToDictionary(r => r.ReleaseId);
        var abandoned = history.Releases.Where(r => r.Phase == ReleasePhase.Verifying && abandonedVerifications?.Contains(r.ReleaseId) == true);
        // A held canary is no crash: it stays as it is while it runs and keeps its share; one that lost either is undone.
        var brokenHolds = history.Releases.Where(r => r.Phase == ReleasePhase.Held && !HoldIntact(r, instances, routerWeights));

        foreach (var release in history.InFlight.Concat(abandoned).Concat(brokenHolds))
        {
            foreach (var instance in instances.Where(i => i.ReleaseId == release.ReleaseId))
            {
                steps.Add(new RemoveInstance(instance.Id, release.Phase == ReleasePhase.Held
                    ? $"release {release.ReleaseId} was held without its running container or its place in the router"
                    : $"release {release.ReleaseId} was {release.Phase} when its {(release.Phase == ReleasePhase.Verifying ? "verifier" : "deployer")} stopped"));
                removed.Add(instance.Id);
            }
            var (phase, reason) = release.Phase switch
            {
                ReleasePhase.Held => (ReleasePhase.RolledBack,
                    $"the canary held at {CanaryHold.Where(release)} lost its running container or its place in the router; rolled back by recovery"),
                ReleasePhase.RollingBack => (ReleasePhase.RolledBack, release.Reason ?? "rolled back (finished by recovery)"),
                ReleasePhase.Verifying => (ReleasePhase.RolledBack,
                    $"the verification was interrupted: its verifier ({release.Verifier?.ToString() ?? "unknown"}) is gone; rolled back by recovery"),
                _ => (ReleasePhase.Failed, $"interrupted while {release.Phase}; undone by recovery"),
            };
            steps.Add(new MarkRelease(release, phase, reason, $"release {release.ReleaseId} was left {release.Phase}"));
            settled[release.ReleaseId] = release with { Phase = phase };

            // Back to the last promoted release: an unverified one in between must not look current again.
            var target = history.RollbackTargetOf(release);
            foreach (var passed in history.PassedOverBy(release, target).Where(p => settled[p.ReleaseId].Phase.IsServing()))
            {
                steps.Add(new MarkRelease(passed, ReleasePhase.PassedOver, ReleaseHistory.PassedOverReason(release, target),
                    $"release {passed.ReleaseId} was never promoted and recovery returns past it to {target?.ReleaseId}"));
                settled[passed.ReleaseId] = passed with { Phase = ReleasePhase.PassedOver };
            }
        }

        var after = new ReleaseHistory(settled.Values);
        var current = after.Current;
        // Behind a router the previous release stays running (at weight 0) until the current one is promoted: rolling back is a switch.
        // A held canary keeps the stable release it runs beside (its previous) serving the rest of the traffic.
        var warm = (routerWeights, current) switch
        {
            (null, _) => null,
            (_, { Phase: ReleasePhase.Held, PreviousReleaseId: { } beside }) => after.Find(beside),
            (_, { Phase: not ReleasePhase.Promoted }) => after.RollbackTargetOf(current),
            _ => null,
        };
        foreach (var instance in instances.Where(i => !removed.Contains(i.Id)))
        {
            var owner = instance.ReleaseId is null ? null : after.Find(instance.ReleaseId);
            if (owner is null)
            {
                steps.Add(new RemoveInstance(instance.Id, $"container {Short(instance.Id)} belongs to no release in the ledger"));
            }
            else if (owner.Phase is ReleasePhase.Failed or ReleasePhase.RolledBack or ReleasePhase.PassedOver)
            {
                steps.Add(new RemoveInstance(instance.Id, $"container {Short(instance.Id)} belongs to release {owner.ReleaseId}, which is {owner.Phase}"));
            }
            else if (instance.Running && owner.ReleaseId != current?.ReleaseId && owner.ReleaseId != warm?.ReleaseId)
            {
                steps.Add(new StopInstance(instance.Id, $"container {Short(instance.Id)} of release {owner.ReleaseId} runs but {current?.ReleaseId ?? "no release"} is current"));
            }
        }

        RestoreRelease? restore = null;
        if (current is not null)
        {
            var own = instances.FirstOrDefault(i => i.ReleaseId == current.ReleaseId && !removed.Contains(i.Id));
            if (own is null || !own.Running)
                restore = new RestoreRelease(current, own?.Id, $"release {current.ReleaseId} is current but its container is {(own is null ? "gone" : "stopped")}");
        }
        if (routerWeights is null)
            return restore is null ? steps : [.. steps, restore];
        return [.. RouterFirst(routerWeights, current, warm, restore), .. steps];
    }

    /// <summary>
    /// The router steps, before every removal: restore the current release, give it all the traffic (unless it has it
    /// already), and drain out of the router every release that is neither current nor kept warm.
    /// </summary>
    private static List<RecoveryStep> RouterFirst(IReadOnlyDictionary<string, int> weights, ReleaseRecord? current, ReleaseRecord? warm, RestoreRelease? restore)
    {
        var steps = new List<RecoveryStep>();
        if (restore is not null) steps.Add(restore);
        if (current is { Phase: not ReleasePhase.Held })
        {
            var serving = weights.TryGetValue(current.ReleaseId, out var weight) && weight > 0
                && weights.Where(w => w.Key != current.ReleaseId).All(w => w.Value == 0);
            if (restore is not null || !serving)
                steps.Add(new RouteTraffic(current, $"release {current.ReleaseId} is current but the router {(weights.ContainsKey(current.ReleaseId) ? "sends traffic elsewhere too" : "does not route to it")}"));
        }
        foreach (var server in weights.Keys.Where(id => id != current?.ReleaseId && id != warm?.ReleaseId).Order(StringComparer.Ordinal))
            steps.Add(new RemoveServer(server, $"the router routes to release {server}, which is not current{(current is null ? "" : $" ({current.ReleaseId} is)")}"));
        return steps;
    }

    /// <summary>A held canary is left alone while its container runs and the router still sends it a share.</summary>
    private static bool HoldIntact(ReleaseRecord held, IReadOnlyList<ObservedInstance> instances, IReadOnlyDictionary<string, int>? weights) =>
        instances.Any(i => i.ReleaseId == held.ReleaseId && i.Running)
        && weights is not null && weights.TryGetValue(held.ReleaseId, out var weight) && weight > 0;

    /// <summary>
    /// The <see cref="ReleasePhase.Verifying"/> releases whose verifier process is gone (or unreadable), judged as a
    /// lock holder is: a verifier on another host is never judged gone, since its liveness cannot be seen from here.
    /// </summary>
    public static IReadOnlySet<string> AbandonedVerifications(ReleaseHistory history, Func<ProcessIdentity?, LockState> judge) =>
        history.Releases
            .Where(r => r.Phase == ReleasePhase.Verifying && judge(r.Verifier) is LockState.Stale or LockState.Unreadable)
            .Select(r => r.ReleaseId)
            .ToHashSet();

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
