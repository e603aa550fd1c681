namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// The I/O side of the health wait: inspects the container, probes its health URL and (on an engine on this host) who
/// holds the port, and lets <see cref="HealthJudge"/> decide, until healthy, decided unhealthy or out of time.
/// </summary>
internal sealed class HealthWaiter(ContainerRuntime runtime, DockerTargetOptions options)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    // Frequent polls are cheap (loopback, a few seconds at most) and shorten every deploy and rollback.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    // Looks in a row in which this host's /proc does not show a running container before its listener counts as
    // not checkable (engine in another pid namespace) rather than not visible yet.
    private const int UnseenLooksBeforeNotChecked = 20;

    /// <summary>Null when healthy; otherwise why not (exit, crash loop, unhealthy, a foreign listener, timeout).</summary>
    /// <param name="containerId">the container just started</param>
    /// <param name="fresh">a container created for this wait (no restart can predate it), as opposed to a restored one</param>
    /// <param name="ct">cancels the wait</param>
    public async Task<string?> WaitAsync(string containerId, bool fresh, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + options.HealthTimeout;
        HealthBaseline? baseline = null;
        var since = DateTimeOffset.UtcNow;
        var port = options.HealthUrl?.Port ?? options.Port;
        var address = (options.HealthUrl is { } url ? ListenerProbe.AddressOf(url) : null) ?? options.ListenAddress;
        var last = "not checked yet";
        var unseen = 0;
        while (true)
        {
            var inspect = await runtime.InspectAsync(containerId, ct).ConfigureAwait(false);
            var state = inspect.State;
            baseline ??= new HealthBaseline(fresh ? 0 : inspect.RestartCount, state.StartedAt ?? "");
            var probe = options.HealthUrl is { } healthUrl && state.Running ? await ProbeAsync(healthUrl, ct).ConfigureAwait(false) : null;
            var (owner, detail) = (ListenerOwner.NotChecked, "");
            if (options.Engine.IsOnThisHost && state.Running)
            {
                if (ListenerProbe.Sees(inspect.ID, state.Pid))
                {
                    (owner, detail) = ListenerProbe.Check(inspect.ID, state.Pid, address, port);
                }
                else
                {
                    // Its process exited between the two looks (the engine may not know yet), or /proc lags: the next
                    // look sees the exit, the restart or the process. Only an engine in another pid namespace stays
                    // unseen look after look; a probe answered meanwhile may be anyone's, so it proves nothing yet.
                    var stillRuns = await StillRunsAsync(containerId, state, ct).ConfigureAwait(false);
                    if (stillRuns)
                        unseen++;
                    if (!stillRuns || unseen < UnseenLooksBeforeNotChecked)
                    {
                        await Task.Delay(Poll, ct).ConfigureAwait(false);
                        continue;
                    }
                }
            }
            var healthcheck = state.Health is { Status: { Length: > 0 } status } && status != "none" ? status : null;
            var seen = new HealthObservation(state.Running, state.Restarting, inspect.RestartCount, state.StartedAt ?? "", state.ExitCode, state.Error,
                healthcheck, state.Health?.FailingStreak ?? 0, options.HealthUrl is null ? null : probe ?? "not running", owner, detail);
            var judgement = HealthJudge.Judge(seen, baseline, DateTimeOffset.UtcNow - since);
            switch (judgement.State)
            {
                case HealthState.Healthy:
                    return null;
                case HealthState.Unhealthy:
                    return judgement.Why;
            }
            last = judgement.Why;
            if (DateTimeOffset.UtcNow >= deadline)
                return $"not healthy within {options.HealthTimeout.TotalSeconds:0.#} s (last: {last})";
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The engine still runs the same process: so this host cannot see it (another pid namespace) and the listener
    /// cannot be checked, rather than the process having just died.
    /// </summary>
    private async Task<bool> StillRunsAsync(string containerId, Docker.DotNet.Models.ContainerState seen, CancellationToken ct)
    {
        var again = (await runtime.InspectAsync(containerId, ct).ConfigureAwait(false)).State;
        return again.Running && again.Pid == seen.Pid && again.StartedAt == seen.StartedAt;
    }

    /// <summary>Empty string when the endpoint answers 2xx, else what it did.</summary>
    public static Task<string> ProbeAsync(Uri url, CancellationToken ct) => ProbeAsync(url, Http, ct);

    /// <summary>Empty string when the endpoint answers 2xx, else what it did.</summary>
    public static async Task<string> ProbeAsync(Uri url, HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? "" : $"{url} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"{url}: {e.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{url}: timed out";
        }
    }
}
