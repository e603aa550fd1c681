using Serilog;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>The Docker runtime under <see cref="ReleaseTransitions"/>: one container per release, at most one running.</summary>
internal sealed class DockerPlatform(DockerTargetOptions options, ILogger log) : IReleasePlatform
{
    public DeployPlatform Platform => DeployPlatform.Docker;

    public string ServiceLabel => $"{options.Service}/{options.Environment}";

    public async Task ConnectAsync(CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        await runtime.PingAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        return await runtime.ObserveAsync(ct).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(RecoveryStep step, IReadOnlyList<RecoveryStep> plan, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        switch (step)
        {
            case RemoveInstance remove:
                await runtime.RemoveAsync(remove.Id, ct).ConfigureAwait(false);
                break;
            case StopInstance stop:
                await runtime.StopAsync(stop.Id, ct).ConfigureAwait(false);
                break;
            case RestoreRelease restore:
                if (await RestoreAsync(runtime, restore.Release, restore.ExistingInstanceId, ct).ConfigureAwait(false) is { } failure)
                    log.Error("Recovery restored release {ReleaseId} ({Version}) but it is not healthy: {Failure}", restore.Release.ReleaseId, restore.Release.Version, failure);
                break;
        }
    }

    public async Task<string?> ReplaceAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        foreach (var own in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => i.ReleaseId == leaving.ReleaseId))
            await runtime.RemoveAsync(own.Id, ct).ConfigureAwait(false);
        if (restore is null) return null;
        var existing = (await runtime.ObserveAsync(ct).ConfigureAwait(false)).FirstOrDefault(i => i.ReleaseId == restore.ReleaseId);
        return await RestoreAsync(runtime, restore, existing?.Id, ct).ConfigureAwait(false);
    }

    public async Task AfterPromoteAsync(ReleaseHistory history, ReleaseRecord promoted, CancellationToken ct)
    {
        // Keep the release to roll back to; older containers are no longer needed (the ledger keeps their digests).
        using var runtime = new ContainerRuntime(options);
        var keep = new[] { promoted.ReleaseId, history.RollbackTargetOf(promoted)?.ReleaseId };
        foreach (var old in (await runtime.ObserveAsync(ct).ConfigureAwait(false)).Where(i => !keep.Contains(i.ReleaseId)))
            await runtime.RemoveAsync(old.Id, ct).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> InfoAsync(ReleaseRecord release, CancellationToken ct)
    {
        using var runtime = new ContainerRuntime(options);
        var instances = new List<InstanceStatus>();
        foreach (var c in (await runtime.ListAsync(ct).ConfigureAwait(false)).Where(c => c.Labels.Label(LedgerLabels.ReleaseId) == release.ReleaseId))
        {
            var inspect = await runtime.InspectAsync(c.ID, ct).ConfigureAwait(false);
            instances.Add(new InstanceStatus(c.ID, c.State, inspect.State.Health?.Status is { Length: > 0 } h ? h : null, c.Status) { RestartCount = inspect.RestartCount });
        }
        return new ReleaseInfo(release, instances) { Restarts = instances.Sum(i => i.RestartCount) };
    }

    /// <summary>Starts the release's container (recreated from the ledger's digest when gone) and waits for its health; null when healthy.</summary>
    public async Task<string?> RestoreAsync(ContainerRuntime runtime, ReleaseRecord release, string? existingId, CancellationToken ct)
    {
        var id = existingId;
        if (id is null)
        {
            await runtime.PullAsync(release.Image, ct).ConfigureAwait(false);
            id = await runtime.CreateAsync(release, ct).ConfigureAwait(false);
        }
        await runtime.StartAsync(id, ct).ConfigureAwait(false);
        return await new HealthWaiter(runtime, options).WaitAsync(id, fresh: existingId is null, ct).ConfigureAwait(false);
    }
}
