using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Transitions;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// The Swarm runtime under <see cref="ReleaseTransitions"/>: one replicated service whose spec names its release.
/// Recovery plans see the service as one instance; removing or stopping it is subsumed by a restore in the same plan,
/// which updates the service in place (Swarm's own rollback when the previous spec is the release to restore).
/// Behind a router each release is its own service (<see cref="RoutedSwarmPlatform"/>): <paramref name="serviceName"/>
/// and <paramref name="port"/> then name that service and the port its tasks listen above.
/// </summary>
internal sealed class SwarmPlatform(SwarmTargetOptions options, ILogger log, string? serviceName = null, int? port = null) : IReleasePlatform
{
    public const string ServiceKind = "service";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public DeployPlatform Platform => DeployPlatform.Swarm;

    public string ServiceLabel => serviceName ?? options.ServiceName;

    private EngineConnection Engine => options.Engine;

    public async Task ConnectAsync(CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        var info = await EngineErrors.Call(Engine, "reading engine info", () => client.System.GetSystemInfoAsync(ct)).ConfigureAwait(false);
        if (info.Swarm?.LocalNodeState != "active" || info.Swarm.ControlAvailable != true)
            throw new DeployTargetException(DeployErrorKind.NotASwarmManager,
                $"The engine at {Engine.Endpoint} is not a Swarm manager (state {info.Swarm?.LocalNodeState ?? "unknown"}): " +
                "run `docker swarm init --advertise-addr 127.0.0.1` or scripts/stack/docker.sh swarm.");
    }

    /// <summary>No router in front of a Swarm service yet (issue 12).</summary>
    public Task<IReadOnlyDictionary<string, int>?> ObserveRouterAsync(CancellationToken ct) => Task.FromResult<IReadOnlyDictionary<string, int>?>(null);

    public async Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        var service = await FindServiceAsync(client, ct).ConfigureAwait(false);
        return service is null ? [] : [new ObservedInstance(service.ID, service.Spec.Labels.Label(LedgerLabels.ReleaseId), Running: true)];
    }

    public async Task ExecuteAsync(RecoveryStep step, IReadOnlyList<RecoveryStep> plan, CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        switch (step)
        {
            case RemoveInstance or StopInstance when plan.Any(s => s is RestoreRelease):
                // The restore below updates the service in place: removing it first would only add downtime.
                break;
            case RemoveInstance or StopInstance:
                await RemoveServiceAsync(client, ct).ConfigureAwait(false);
                break;
            case RestoreRelease restore:
                if (await ReturnToAsync(client, restore.Release, alreadyRolledBack: false, ct).ConfigureAwait(false) is { } failure)
                    log.Error("Recovery restored release {ReleaseId} ({Version}) but it is not healthy: {Failure}", restore.Release.ReleaseId, restore.Release.Version, failure);
                break;
        }
    }

    public async Task<string?> ReplaceAsync(ReleaseRecord leaving, ReleaseRecord? restore, CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        return await ReturnToAsync(client, restore, alreadyRolledBack: false, ct).ConfigureAwait(false);
    }

    public Task AfterPromoteAsync(ReleaseHistory history, ReleaseRecord promoted, CancellationToken ct) =>
        // Swarm keeps the previous spec itself; nothing else to clean up.
        Task.CompletedTask;

    public async Task<ReleaseInfo> InfoAsync(ReleaseRecord release, CancellationToken ct)
    {
        using var client = Engine.CreateClient();
        var tasks = await TasksAsync(client, ct).ConfigureAwait(false);
        var instances = tasks.OrderBy(t => t.Slot)
            .Select(t => new InstanceStatus(t.ID, t.Status.State.ToString().ToLowerInvariant(),
                t.Status.ContainerStatus?.ContainerID, string.IsNullOrEmpty(t.Status.Err) ? t.Status.Message : t.Status.Err)
            {
                // Behind a router each task listens on its own port, the release's base + its slot (what the monitoring scrapes).
                Port = port is { } basePort ? basePort + (int)t.Slot : null,
            })
            .ToList();
        var failed = (await TasksAsync(client, ct, desiredRunningOnly: false).ConfigureAwait(false)).Count(t =>
            t.Status.State is TaskState.Failed or TaskState.Rejected && (t.Spec.ContainerSpec.Image ?? "").Contains(release.Digest, StringComparison.Ordinal));
        return new ReleaseInfo(release, instances) { Restarts = failed };
    }

    /// <summary>Creates the service, or updates it to <paramref name="release"/>; returns whether it existed before.</summary>
    public async Task<bool> SubmitAsync(DockerClient client, ReleaseRecord release, CancellationToken ct)
    {
        var existing = await FindServiceAsync(client, ct).ConfigureAwait(false);
        var spec = Spec(release);
        if (existing is null)
        {
            await EngineErrors.Call(Engine, $"creating service {ServiceLabel}", () =>
                client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = Auth(release.Image) }, ct)).ConfigureAwait(false);
            return false;
        }
        await EngineErrors.Call(Engine, $"updating service {ServiceLabel}", () =>
            client.Swarm.UpdateServiceAsync(existing.ID, new ServiceUpdateParameters
            {
                Service = spec,
                Version = (long)existing.Version.Index,
                RegistryAuth = Auth(release.Image),
            }, ct)).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Brings the service back to <paramref name="release"/>: Swarm's own rollback when the previous spec is that release,
    /// else its spec again; no release removes the service. Null when it converged, else why not.
    /// </summary>
    public async Task<string?> ReturnToAsync(DockerClient client, ReleaseRecord? release, bool alreadyRolledBack, CancellationToken ct)
    {
        var service = await SettledServiceAsync(client, ct).ConfigureAwait(false);
        if (release is null)
        {
            // Nothing served before: a failed first release leaves no service behind.
            await RemoveServiceAsync(client, ct).ConfigureAwait(false);
            return null;
        }
        var goal = alreadyRolledBack ? ConvergenceGoal.SwarmRollback : ConvergenceGoal.Unchanged;
        if (service is null)
        {
            goal = ConvergenceGoal.Created;
            await EngineErrors.Call(Engine, $"recreating service {ServiceLabel}", () =>
                client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = Spec(release), RegistryAuth = Auth(release.Image) }, ct)).ConfigureAwait(false);
        }
        else if (!alreadyRolledBack && service.Spec.Labels.Label(LedgerLabels.ReleaseId) != release.ReleaseId)
        {
            var usePrevious = service.PreviousSpec?.Labels.Label(LedgerLabels.ReleaseId) == release.ReleaseId;
            goal = usePrevious ? ConvergenceGoal.SwarmRollback : ConvergenceGoal.Updated;
            await EngineErrors.Call(Engine, $"rolling back service {ServiceLabel}", () =>
                client.Swarm.UpdateServiceAsync(service.ID, new ServiceUpdateParameters
                {
                    Service = usePrevious ? service.Spec : Spec(release),
                    Version = (long)service.Version.Index,
                    Rollback = usePrevious ? "previous" : null,
                    RegistryAuth = Auth(release.Image),
                }, ct)).ConfigureAwait(false);
        }
        var outcome = await WaitAsync(client, release, goal, ct).ConfigureAwait(false);
        if (outcome.State == ConvergenceState.Converged) return null;
        log.Error("Service {Service} did not converge back on release {ReleaseId}: {Why}", ServiceLabel, release.ReleaseId, outcome.Why);
        return outcome.Why;
    }

    /// <summary>
    /// The service once no update or Swarm rollback is in progress (or after the health timeout): a spec submitted over
    /// one in progress (a killed deploy's, Swarm's own rollback) raced it, and the old release's tasks were seen serving
    /// after the return had been judged done.
    /// </summary>
    private async Task<SwarmService?> SettledServiceAsync(DockerClient client, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + options.HealthTimeout;
        while (true)
        {
            var service = await FindServiceAsync(client, ct).ConfigureAwait(false);
            if (service?.UpdateStatus?.State is not ("updating" or "rollback_started") || DateTimeOffset.UtcNow >= deadline)
                return service;
            log.Information("Service {Service}: waiting for the update in progress ({State}) to end before returning to a release", ServiceLabel, service.UpdateStatus.State);
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    public async Task<(ConvergenceState State, string Why)> WaitAsync(DockerClient client, ReleaseRecord release, ConvergenceGoal goal, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + options.HealthTimeout;
        while (true)
        {
            var service = await FindServiceAsync(client, ct).ConfigureAwait(false);
            var tasks = await TasksAsync(client, ct).ConfigureAwait(false);
            var serving = tasks.Count(t => t.Status.State == TaskState.Running && (t.Spec.ContainerSpec.Image ?? "").Contains(release.Digest, StringComparison.Ordinal));
            // A task still starting, failing or of another image means the service has not settled yet.
            if (serving != tasks.Count) serving = Math.Min(serving, options.Replicas - 1);
            var updateState = service?.UpdateStatus?.State;
            var state = SwarmConvergence.Judge(updateState, serving, options.Replicas, goal);
            var last = $"{serving}/{options.Replicas} tasks of {release.Version} running, update {updateState ?? "none"}" +
                       (service?.UpdateStatus?.Message is { Length: > 0 } m ? $": {m}" : "") + TaskErrors(tasks);
            if (state != ConvergenceState.Converging) return (state, last);
            if (DateTimeOffset.UtcNow >= deadline) return (ConvergenceState.Stuck, $"not converged within {options.HealthTimeout.TotalSeconds:0.#} s ({last})");
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private static string TaskErrors(IEnumerable<TaskResponse> tasks)
    {
        var errors = tasks.Select(t => t.Status.Err).Where(e => !string.IsNullOrEmpty(e)).Distinct().Take(3).ToList();
        return errors.Count == 0 ? "" : "; task errors: " + string.Join("; ", errors);
    }

    private async Task RemoveServiceAsync(DockerClient client, CancellationToken ct)
    {
        if (await FindServiceAsync(client, ct).ConfigureAwait(false) is { } service)
            await EngineErrors.Call(Engine, $"removing service {ServiceLabel}", () => client.Swarm.RemoveServiceAsync(service.ID, ct)).ConfigureAwait(false);
    }

    private ServiceSpec Spec(ReleaseRecord release)
    {
        var env = new Dictionary<string, string>(options.EnvironmentVariables)
        {
            ["PORT"] = (port ?? options.Port).ToString(CultureInfo.InvariantCulture),
            ["SHIPGATE_TASK_SLOT"] = "{{.Task.Slot}}",
        };
        var update = options.Update;
        var labels = LedgerLabels.Identity(release, ServiceKind);
        // Behind a router: the port its tasks listen above (task N on port + N), as a release container keeps its own.
        if (port is { } own) labels[LedgerLabels.Port] = own.ToString(CultureInfo.InvariantCulture);
        return new ServiceSpec
        {
            Name = ServiceLabel,
            Labels = labels,
            Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)options.Replicas } },
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = new ContainerSpec
                {
                    Image = release.Image,
                    Env = env.Select(kv => $"{kv.Key}={kv.Value}").ToList(),
                    Labels = LedgerLabels.Identity(release, ServiceKind),
                    StopGracePeriod = 2_000_000_000,
                },
                Networks = [new NetworkAttachmentConfig { Target = "host" }],
                RestartPolicy = new SwarmRestartPolicy { Condition = "any", Delay = 1_000_000_000 },
                Resources = new ResourceRequirements
                {
                    Limits = new SwarmLimit { NanoCPUs = options.Resources.NanoCpus ?? 0, MemoryBytes = options.Resources.MemoryBytes ?? 0 },
                },
            },
            UpdateConfig = new SwarmUpdateConfig
            {
                Parallelism = (ulong)update.Parallelism,
                Delay = update.Delay.Ticks * 100,
                Monitor = update.Monitor.Ticks * 100,
                FailureAction = update.FailureAction,
                Order = update.Order,
            },
            // Rolling back replaces every task at once: the previous version is known good and speed matters.
            RollbackConfig = new SwarmUpdateConfig
            {
                Parallelism = 0,
                Monitor = update.Monitor.Ticks * 100,
                // A task of the known-good release that fails once (e.g. its host port not yet released by the task it
                // replaces) is restarted by the restart policy; pausing would leave the service half rolled back.
                FailureAction = "continue",
                Order = update.Order,
            },
        };
    }

    private AuthConfig? Auth(string image) => options.RegistryCredentials is null ? null : Images.ImageBuilder.ToAuthConfig(image, options.RegistryCredentials);

    private async Task<SwarmService?> FindServiceAsync(DockerClient client, CancellationToken ct)
    {
        var services = await EngineErrors.Call(Engine, "listing services", () => client.Swarm.ListServicesAsync(new ServicesListParameters(), ct)).ConfigureAwait(false);
        return services.FirstOrDefault(s => s.Spec.Name == ServiceLabel);
    }

    private async Task<IReadOnlyList<TaskResponse>> TasksAsync(DockerClient client, CancellationToken ct, bool desiredRunningOnly = true)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [ServiceLabel] = true } };
        if (desiredRunningOnly) filters["desired-state"] = new Dictionary<string, bool> { ["running"] = true };
        var tasks = await EngineErrors.Call(Engine, "listing tasks", () => client.Tasks.ListAsync(new TasksListParameters { Filters = filters }, ct)).ConfigureAwait(false);
        return tasks.ToList();
    }
}
