using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Swarm;

/// <summary>
/// Deploys a service as a replicated Swarm service, by digest, with rolling updates; rollback returns to the
/// previous spec. The ledger entries are the same as the Docker target's; the service's labels name its release.
/// </summary>
public sealed class DockerSwarmTarget : IDeployTarget
{
    public const string ServiceKind = "service";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly SwarmTargetOptions _options;
    private readonly ILogger _log;
    private readonly LedgerStore _ledger;
    private readonly DeployLock _lock;

    public DockerSwarmTarget(SwarmTargetOptions options, ILogger? log = null)
    {
        _options = options;
        _log = (log ?? Serilog.Core.Logger.None).ForContext("Service", options.ServiceName);
        _ledger = new LedgerStore(options.Engine);
        _lock = new DeployLock(options.Engine, _log);
    }

    /// <summary>Raised as each deploy phase is reached (locked, recorded, submitted, healthy).</summary>
    public event Action<string>? PhaseReached;

    public async Task<ReleaseInfo> DeployAsync(DeployRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        ImageReferences.RequireDigest(request.Image);
        using var client = _options.Engine.CreateClient();
        await RequireManagerAsync(client, cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(client, () => PhaseReached?.Invoke("locked"), cancellationToken).ConfigureAwait(false);

        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        history.RefuseIfRolledBack(request, _options.ServiceName);
        var current = history.Current;
        var release = await _ledger.WriteAsync(ReleaseRecord.Deploying(_options.Service, _options.Environment, request, current, DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
        PhaseReached?.Invoke("recorded");

        var existing = await FindServiceAsync(client, cancellationToken).ConfigureAwait(false);
        var spec = Spec(release);
        if (existing is null)
        {
            await EngineErrors.Call(_options.Engine, $"creating service {_options.ServiceName}", () =>
                client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = Auth(request.Image) }, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            await EngineErrors.Call(_options.Engine, $"updating service {_options.ServiceName}", () =>
                client.Swarm.UpdateServiceAsync(existing.ID, new ServiceUpdateParameters
                {
                    Service = spec,
                    Version = (long)existing.Version.Index,
                    RegistryAuth = Auth(request.Image),
                }, cancellationToken)).ConfigureAwait(false);
        }

        PhaseReached?.Invoke("submitted");
        var outcome = await WaitAsync(client, release, existing is null ? ConvergenceGoal.Created : ConvergenceGoal.Updated, cancellationToken).ConfigureAwait(false);
        if (outcome.State != ConvergenceState.Converged)
        {
            var why = outcome.Why;
            release = await _ledger.WriteAsync(release with { Phase = ReleasePhase.RollingBack, Reason = why }, cancellationToken).ConfigureAwait(false);
            await ReturnToAsync(client, current, outcome.State == ConvergenceState.RolledBackBySwarm, cancellationToken).ConfigureAwait(false);
            await _ledger.WriteAsync(release with { Phase = ReleasePhase.RolledBack, Reason = why }, cancellationToken).ConfigureAwait(false);
            throw new DeployTargetException(DeployErrorKind.Unhealthy,
                $"Version {request.Version} of {_options.ServiceName} was rolled back to {current?.Version ?? "nothing"}: {why}");
        }
        release = await _ledger.WriteAsync(release with { Phase = ReleasePhase.Healthy }, cancellationToken).ConfigureAwait(false);
        PhaseReached?.Invoke("healthy");
        return await InfoAsync(client, release, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var client = _options.Engine.CreateClient();
        await RequireManagerAsync(client, cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(client, whenLocked: null, cancellationToken).ConfigureAwait(false);
        var current = (await ReadHistoryAsync(cancellationToken).ConfigureAwait(false)).RequireCurrent("promote", _options.ServiceName);
        var promoted = await _ledger.WriteAsync(current with { Phase = ReleasePhase.Promoted, ApprovedBy = request.ApprovedBy, Verdict = request.Verdict },
            cancellationToken).ConfigureAwait(false);
        return await InfoAsync(client, promoted, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var client = _options.Engine.CreateClient();
        await RequireManagerAsync(client, cancellationToken).ConfigureAwait(false);
        await using var held = await LockAndRecoverAsync(client, whenLocked: null, cancellationToken).ConfigureAwait(false);
        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.RequireCurrent("roll back", _options.ServiceName);
        var target = history.RequireRollbackTargetOf(current, _options.ServiceName);
        current = await _ledger.WriteAsync(current with { Phase = ReleasePhase.RollingBack, Reason = reason }, cancellationToken).ConfigureAwait(false);
        await ReturnToAsync(client, target, alreadyRolledBack: false, cancellationToken).ConfigureAwait(false);
        await _ledger.WriteAsync(current with { Phase = ReleasePhase.RolledBack, Reason = reason }, cancellationToken).ConfigureAwait(false);
        return await InfoAsync(client, target, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        using var client = _options.Engine.CreateClient();
        await RequireManagerAsync(client, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> recovered = [];
        try
        {
            await using var held = await _lock.AcquireAsync(_options.Service, _options.Environment, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            recovered = await RecoverAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (DeployTargetException e) when (e.Kind == DeployErrorKind.Locked)
        {
            // A deploy is running: report without touching anything.
        }
        var history = await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        var current = history.Current is { } c ? await InfoAsync(client, c, cancellationToken).ConfigureAwait(false) : null;
        return new ReleaseStatus(current, history.Current is { } cur ? history.RollbackTargetOf(cur) : null, history.Releases) { Recovered = recovered };
    }

    private Task<IAsyncDisposable> LockAndRecoverAsync(DockerClient client, Action? whenLocked, CancellationToken ct) =>
        _lock.AcquireAndRecoverAsync(_options.Service, _options.Environment, _options.LockWait, c => RecoverAsync(client, c), whenLocked, ct);

    private Task<ReleaseHistory> ReadHistoryAsync(CancellationToken ct) => _ledger.ReadAsync(_options.Service, _options.Environment, ct);

    /// <summary>Brings the service back to <paramref name="release"/>: Swarm's own rollback when the previous spec is that release, else its spec again.</summary>
    private async Task ReturnToAsync(DockerClient client, ReleaseRecord? release, bool alreadyRolledBack, CancellationToken ct)
    {
        var service = await FindServiceAsync(client, ct).ConfigureAwait(false);
        if (release is null)
        {
            // Nothing served before: a failed first release leaves no service behind.
            if (service is not null)
                await EngineErrors.Call(_options.Engine, $"removing service {_options.ServiceName}", () => client.Swarm.RemoveServiceAsync(service.ID, ct)).ConfigureAwait(false);
            return;
        }
        var goal = alreadyRolledBack ? ConvergenceGoal.SwarmRollback : ConvergenceGoal.Unchanged;
        if (service is null)
        {
            goal = ConvergenceGoal.Created;
            await EngineErrors.Call(_options.Engine, $"recreating service {_options.ServiceName}", () =>
                client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = Spec(release), RegistryAuth = Auth(release.Image) }, ct)).ConfigureAwait(false);
        }
        else if (!alreadyRolledBack && service.Spec.Labels.Label(LedgerLabels.ReleaseId) != release.ReleaseId)
        {
            var usePrevious = service.PreviousSpec?.Labels.Label(LedgerLabels.ReleaseId) == release.ReleaseId;
            goal = usePrevious ? ConvergenceGoal.SwarmRollback : ConvergenceGoal.Updated;
            await EngineErrors.Call(_options.Engine, $"rolling back service {_options.ServiceName}", () =>
                client.Swarm.UpdateServiceAsync(service.ID, new ServiceUpdateParameters
                {
                    Service = usePrevious ? service.Spec : Spec(release),
                    Version = (long)service.Version.Index,
                    Rollback = usePrevious ? "previous" : null,
                    RegistryAuth = Auth(release.Image),
                }, ct)).ConfigureAwait(false);
        }
        var outcome = await WaitAsync(client, release, goal, ct).ConfigureAwait(false);
        if (outcome.State != ConvergenceState.Converged)
            _log.Error("Service {Service} did not converge back on release {ReleaseId}: {Why}", _options.ServiceName, release.ReleaseId, outcome.Why);
    }

    private async Task<(ConvergenceState State, string Why)> WaitAsync(DockerClient client, ReleaseRecord release, ConvergenceGoal goal, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + _options.HealthTimeout;
        var last = "";
        while (true)
        {
            var service = await FindServiceAsync(client, ct).ConfigureAwait(false);
            var tasks = await TasksAsync(client, ct).ConfigureAwait(false);
            var serving = tasks.Count(t => t.Status.State == TaskState.Running && (t.Spec.ContainerSpec.Image ?? "").Contains(release.Digest, StringComparison.Ordinal));
            // A task still starting, failing or of another image means the service has not settled yet.
            if (serving != tasks.Count) serving = Math.Min(serving, _options.Replicas - 1);
            var updateState = service?.UpdateStatus?.State;
            var state = SwarmConvergence.Judge(updateState, serving, _options.Replicas, goal);
            last = $"{serving}/{_options.Replicas} tasks of {release.Version} running, update {updateState ?? "none"}" +
                   (service?.UpdateStatus?.Message is { Length: > 0 } m ? $": {m}" : "") + TaskErrors(tasks);
            if (state != ConvergenceState.Converging) return (state, last);
            if (DateTimeOffset.UtcNow >= deadline) return (ConvergenceState.Stuck, $"not converged within {_options.HealthTimeout.TotalSeconds:0.#} s ({last})");
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    private static string TaskErrors(IEnumerable<TaskResponse> tasks)
    {
        var errors = tasks.Select(t => t.Status.Err).Where(e => !string.IsNullOrEmpty(e)).Distinct().Take(3).ToList();
        return errors.Count == 0 ? "" : "; task errors: " + string.Join("; ", errors);
    }

    private async Task<IReadOnlyList<string>> RecoverAsync(DockerClient client, CancellationToken ct)
    {
        var history = await ReadHistoryAsync(ct).ConfigureAwait(false);
        var done = new List<string>();
        foreach (var release in history.InFlight)
        {
            // Undo a deploy, finish a rollback: either way the release it replaced serves again.
            var target = history.RollbackTargetOf(release);
            _log.Warning("Recovery: release {ReleaseId} was left {Phase}; returning to {Target}", release.ReleaseId, release.Phase, target?.ReleaseId ?? "nothing");
            await ReturnToAsync(client, target, alreadyRolledBack: false, ct).ConfigureAwait(false);
            var phase = release.Phase == ReleasePhase.RollingBack ? ReleasePhase.RolledBack : ReleasePhase.Failed;
            await _ledger.WriteAsync(release with { Phase = phase, Reason = release.Reason ?? $"interrupted while {release.Phase}; undone by recovery" }, ct).ConfigureAwait(false);
            done.Add($"release {release.ReleaseId} was left {release.Phase}; now {phase}");
        }
        return done;
    }

    private ServiceSpec Spec(ReleaseRecord release)
    {
        var env = new Dictionary<string, string>(_options.EnvironmentVariables)
        {
            ["PORT"] = _options.Port.ToString(CultureInfo.InvariantCulture),
            ["SHIPGATE_TASK_SLOT"] = "{{.Task.Slot}}",
        };
        var update = _options.Update;
        return new ServiceSpec
        {
            Name = _options.ServiceName,
            Labels = LedgerLabels.Identity(release, ServiceKind),
            Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)_options.Replicas } },
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
                    Limits = new SwarmLimit { NanoCPUs = _options.Resources.NanoCpus ?? 0, MemoryBytes = _options.Resources.MemoryBytes ?? 0 },
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

    private AuthConfig? Auth(string image) => _options.RegistryCredentials is null ? null : Images.ImageBuilder.ToAuthConfig(image, _options.RegistryCredentials);

    private async Task RequireManagerAsync(DockerClient client, CancellationToken ct)
    {
        var info = await EngineErrors.Call(_options.Engine, "reading engine info", () => client.System.GetSystemInfoAsync(ct)).ConfigureAwait(false);
        if (info.Swarm?.LocalNodeState != "active" || info.Swarm.ControlAvailable != true)
            throw new DeployTargetException(DeployErrorKind.NotASwarmManager,
                $"The engine at {_options.Engine.Endpoint} is not a Swarm manager (state {info.Swarm?.LocalNodeState ?? "unknown"}): " +
                "run `docker swarm init --advertise-addr 127.0.0.1` or scripts/stack/docker.sh swarm.");
    }

    private async Task<SwarmService?> FindServiceAsync(DockerClient client, CancellationToken ct)
    {
        var services = await EngineErrors.Call(_options.Engine, "listing services", () => client.Swarm.ListServicesAsync(new ServicesListParameters(), ct)).ConfigureAwait(false);
        return services.FirstOrDefault(s => s.Spec.Name == _options.ServiceName);
    }

    private async Task<IReadOnlyList<TaskResponse>> TasksAsync(DockerClient client, CancellationToken ct)
    {
        var tasks = await EngineErrors.Call(_options.Engine, "listing tasks", () => client.Tasks.ListAsync(new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [_options.ServiceName] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
            },
        }, ct)).ConfigureAwait(false);
        return tasks.ToList();
    }

    private async Task<ReleaseInfo> InfoAsync(DockerClient client, ReleaseRecord release, CancellationToken ct)
    {
        var tasks = await TasksAsync(client, ct).ConfigureAwait(false);
        var instances = tasks.OrderBy(t => t.Slot)
            .Select(t => new InstanceStatus(t.ID, t.Status.State.ToString().ToLowerInvariant(),
                t.Status.ContainerStatus?.ContainerID, string.IsNullOrEmpty(t.Status.Err) ? t.Status.Message : t.Status.Err))
            .ToList();
        return new ReleaseInfo(release, instances);
    }
}
