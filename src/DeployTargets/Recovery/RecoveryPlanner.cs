using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Recovery;

/// <summary>
/// Pure: from the ledger and the containers observed, decides how to bring a service back to a known state after
/// a process died mid-deploy. A deploy in flight is undone (its container removed, the previous release serving
/// again); a rollback in flight is finished. Containers no ledger entry accounts for are removed.
/// An empty plan means the state is consistent.
/// </summary>
public static class RecoveryPlanner
{
    public static IReadOnlyList<RecoveryStep> Plan(ReleaseHistory history, IReadOnlyList<ObservedInstance> instances)
    {
        var steps = new List<RecoveryStep>();
        var removed = new HashSet<string>();
        var settled = history.Releases.ToDictionary(r => r.ReleaseId);

        foreach (var release in history.InFlight)
        {
            var finishingRollback = release.Phase == ReleasePhase.RollingBack;
            foreach (var instance in instances.Where(i => i.ReleaseId == release.ReleaseId))
            {
                steps.Add(new RemoveInstance(instance.Id, $"release {release.ReleaseId} was {release.Phase} when its deployer stopped"));
                removed.Add(instance.Id);
            }
            var phase = finishingRollback ? ReleasePhase.RolledBack : ReleasePhase.Failed;
            var reason = finishingRollback
                ? release.Reason ?? "rolled back (finished by recovery)"
                : $"interrupted while {release.Phase}; undone by recovery";
            steps.Add(new MarkRelease(release, phase, reason, $"release {release.ReleaseId} was left {release.Phase}"));
            settled[release.ReleaseId] = release with { Phase = phase };
        }

        var after = new ReleaseHistory(settled.Values);
        var current = after.Current;
        foreach (var instance in instances.Where(i => !removed.Contains(i.Id)))
        {
            var owner = instance.ReleaseId is null ? null : after.Find(instance.ReleaseId);
            if (owner is null)
            {
                steps.Add(new RemoveInstance(instance.Id, $"container {Short(instance.Id)} belongs to no release in the ledger"));
            }
            else if (owner.Phase is ReleasePhase.Failed or ReleasePhase.RolledBack)
            {
                steps.Add(new RemoveInstance(instance.Id, $"container {Short(instance.Id)} belongs to release {owner.ReleaseId}, which is {owner.Phase}"));
            }
            else if (instance.Running && owner.ReleaseId != current?.ReleaseId)
            {
                steps.Add(new StopInstance(instance.Id, $"container {Short(instance.Id)} of release {owner.ReleaseId} runs but {current?.ReleaseId ?? "no release"} is current"));
            }
        }

        if (current is not null)
        {
            var own = instances.FirstOrDefault(i => i.ReleaseId == current.ReleaseId && !removed.Contains(i.Id));
            if (own is null || !own.Running)
                steps.Add(new RestoreRelease(current, own?.Id, $"release {current.ReleaseId} is current but its container is {(own is null ? "gone" : "stopped")}"));
        }
        return steps;
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
