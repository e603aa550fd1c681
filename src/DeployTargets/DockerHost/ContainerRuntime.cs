using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Recovery;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>The container calls the Docker target needs, with errors translated; no decisions here.</summary>
internal sealed class ContainerRuntime(DockerTargetOptions options) : IDisposable
{
    public const string ReleaseKind = "release";
    private readonly DockerClient _client = options.Engine.CreateClient();
    private EngineConnection Engine => options.Engine;

    public DockerClient Client => _client;

    public Task PingAsync(CancellationToken ct) =>
        EngineErrors.Call(Engine, "pinging the daemon", () => _client.System.PingAsync(ct));

    public async Task<IReadOnlyList<ContainerListResponse>> ListAsync(CancellationToken ct)
    {
        var list = await EngineErrors.Call(Engine, $"listing containers of {options.Service}/{options.Environment}", () =>
            _client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool>
                    {
                        [$"{LedgerLabels.Kind}={ReleaseKind}"] = true,
                        [$"{LedgerLabels.Service}={options.Service}"] = true,
                        [$"{LedgerLabels.Environment}={options.Environment}"] = true,
                    },
                },
            }, ct)).ConfigureAwait(false);
        return list.ToList();
    }

    public async Task<IReadOnlyList<ObservedInstance>> ObserveAsync(CancellationToken ct) =>
        (await ListAsync(ct).ConfigureAwait(false))
        .Select(c => new ObservedInstance(c.ID, c.Labels.Label(LedgerLabels.ReleaseId), c.State is "running" or "restarting")
        {
            Port = int.TryParse(c.Labels.Label(LedgerLabels.Port), System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null,
        })
        .ToList();

    public Task PullAsync(string image, CancellationToken ct) =>
        ImagePuller.EnsureAsync(Engine, _client, image, options.RegistryCredentials, ct);

    /// <param name="release">the release the container runs</param>
    /// <param name="ownPort">behind a router, the instance's own port (passed as PORT and kept as a label); null: the service's port</param>
    /// <param name="ct">cancels the call</param>
    public async Task<string> CreateAsync(ReleaseRecord release, int? ownPort, CancellationToken ct)
    {
        var port = (ownPort ?? options.Port).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string>(options.EnvironmentVariables) { ["PORT"] = port };
        var labels = LedgerLabels.Identity(release, ReleaseKind);
        if (ownPort is not null) labels[LedgerLabels.Port] = port;
        var parameters = new CreateContainerParameters
        {
            Name = $"{options.Service}.{options.Environment}.{release.ReleaseId}",
            Image = release.Image,
            Env = env.Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Cmd = options.Command?.ToList(),
            Labels = labels,
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                RestartPolicy = new RestartPolicy { Name = ParsePolicy(options.RestartPolicy) },
                NanoCPUs = options.Resources.NanoCpus ?? 0,
                Memory = options.Resources.MemoryBytes ?? 0,
            },
        };
        var created = await EngineErrors.Call(Engine, $"creating the container of release {release.ReleaseId}", () =>
            _client.Containers.CreateContainerAsync(parameters, ct)).ConfigureAwait(false);
        return created.ID;
    }

    public Task StartAsync(string id, CancellationToken ct) =>
        EngineErrors.Call(Engine, $"starting container {Short(id)}", () => _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct));

    public Task StopAsync(string id, CancellationToken ct) =>
        EngineErrors.Call(Engine, $"stopping container {Short(id)}", () =>
            _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)options.StopTimeout.TotalSeconds }, ct));

    public async Task RemoveAsync(string id, CancellationToken ct)
    {
        try
        {
            await EngineErrors.Call(Engine, $"removing container {Short(id)}", () =>
                _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, ct)).ConfigureAwait(false);
        }
        catch (DeployTargetException e) when (e.InnerException is DockerContainerNotFoundException)
        {
            // Already gone: the goal is reached.
        }
    }

    public Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken ct) =>
        EngineErrors.Call(Engine, $"inspecting container {Short(id)}", () => _client.Containers.InspectContainerAsync(id, ct));

    public async Task<string> LastLogLinesAsync(string id, int lines, CancellationToken ct)
    {
        try
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(id, tty: false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
            return (stdout + stderr).TrimEnd();
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return "";
        }
    }

    public void Dispose() => _client.Dispose();

    internal static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static RestartPolicyKind ParsePolicy(string policy) => policy switch
    {
        "no" => RestartPolicyKind.No,
        "on-failure" => RestartPolicyKind.OnFailure,
        "always" => RestartPolicyKind.Always,
        _ => RestartPolicyKind.UnlessStopped,
    };
}
