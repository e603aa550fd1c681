namespace Shipgate.DeployTargets.DockerHost;

/// <summary>Waits for a started container to be healthy: its HTTP endpoint answers 2xx, or its HEALTHCHECK says healthy.</summary>
internal sealed class HealthWaiter(ContainerRuntime runtime, DockerTargetOptions options)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    // Frequent polls are cheap (loopback, a few seconds at most) and shorten every deploy and rollback.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Null when healthy; otherwise why not (exit, crash loop, unhealthy, timeout).</summary>
    public async Task<string?> WaitAsync(string containerId, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + options.HealthTimeout;
        var runningSince = (DateTimeOffset?)null;
        var last = "not checked yet";
        while (true)
        {
            var inspect = await runtime.InspectAsync(containerId, ct).ConfigureAwait(false);
            var state = inspect.State;
            if (inspect.RestartCount > 0 || state.Restarting)
                return $"crash loop: restarted {inspect.RestartCount} time(s), last exit code {state.ExitCode}";
            if (!state.Running)
                return $"exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? "" : ": " + state.Error)}";

            if (options.HealthUrl is { } url)
            {
                last = await ProbeAsync(url, ct).ConfigureAwait(false);
                if (last.Length == 0) return null;
            }
            else if (state.Health is { } health && !string.IsNullOrEmpty(health.Status) && health.Status != "none")
            {
                if (health.Status == "healthy") return null;
                if (health.Status == "unhealthy") return $"HEALTHCHECK reports unhealthy (failing streak {health.FailingStreak})";
                last = $"HEALTHCHECK {health.Status}";
            }
            else
            {
                // No endpoint and no HEALTHCHECK: running for two seconds without a restart is all we can know.
                runningSince ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - runningSince >= TimeSpan.FromSeconds(2)) return null;
            }
            if (DateTimeOffset.UtcNow >= deadline)
                return $"not healthy within {options.HealthTimeout.TotalSeconds:0.#} s (last: {last})";
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Empty string when the endpoint answers 2xx, else what it did.</summary>
    public static async Task<string> ProbeAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(url, ct).ConfigureAwait(false);
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
