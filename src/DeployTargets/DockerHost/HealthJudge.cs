namespace Shipgate.DeployTargets.DockerHost;

public enum HealthState
{
    /// <summary>Not decided yet: poll again (until the health timeout).</summary>
    Waiting,
    Healthy,

    /// <summary>Decided: the container cannot become healthy in this wait (it exited, restarted or its HEALTHCHECK failed).</summary>
    Unhealthy,
}

/// <summary>Who holds the listening socket that the health check and the traffic reach.</summary>
public enum ListenerOwner
{
    /// <summary>Not checkable (the engine is not on this host, or /proc does not show the container's processes).</summary>
    NotChecked,

    /// <summary>Nothing listens on the address and port yet.</summary>
    Nobody,

    /// <summary>Every listener that connections to the address reach belongs to a process of the container.</summary>
    Container,

    /// <summary>A process outside the container listens there: whatever answers is not the release.</summary>
    Foreign,
}

/// <summary>One look at a container during the health wait.</summary>
/// <param name="Running">State.Running</param>
/// <param name="Restarting">State.Restarting</param>
/// <param name="RestartCount">RestartCount: restarts by the engine's restart policy</param>
/// <param name="StartedAt">State.StartedAt: changes with every (re)start</param>
/// <param name="ExitCode">State.ExitCode</param>
/// <param name="Error">State.Error</param>
/// <param name="Healthcheck">the image HEALTHCHECK's status (starting, healthy, unhealthy), null without one</param>
/// <param name="FailingStreak">the HEALTHCHECK's failing streak</param>
/// <param name="Probe">the health URL's answer: "" for 2xx, what went wrong otherwise, null when there is no health URL</param>
/// <param name="Listener">who listens where the traffic goes, and <paramref name="ListenerDetail"/> saying who (for a foreign one)</param>
/// <param name="ListenerDetail">e.g. "127.0.0.1:8080 is held by pid 4711 (python3)"</param>
public sealed record HealthObservation(
    bool Running, bool Restarting, long RestartCount, string StartedAt, long ExitCode, string? Error,
    string? Healthcheck, long FailingStreak, string? Probe, ListenerOwner Listener, string ListenerDetail = "");

/// <summary>The container as the health wait found it first: later restarts are measured against it.</summary>
public sealed record HealthBaseline(long RestartCount, string StartedAt);

public sealed record HealthJudgement(HealthState State, string Why);

/// <summary>
/// Pure: whether a started container is healthy. Healthy means all of: it runs and has not restarted since the wait
/// began (restart count and start time unchanged); its health URL answers 2xx, or its HEALTHCHECK says healthy, or
/// (with neither) it has run for <see cref="QuietPeriod"/>; and, where it can be checked, the socket that answers
/// belongs to the container, so a foreign process on the port never passes for the release.
/// </summary>
public static class HealthJudge
{
    /// <summary>Without a health URL or HEALTHCHECK, running this long without a restart is all that can be known.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    public static HealthJudgement Judge(HealthObservation seen, HealthBaseline baseline, TimeSpan runningFor)
    {
        if (seen.RestartCount > baseline.RestartCount || seen.Restarting || seen.StartedAt != baseline.StartedAt)
            return new(HealthState.Unhealthy,
                $"crash loop: restarted {Math.Max(seen.RestartCount - baseline.RestartCount, 1)} time(s) during the health wait, last exit code {seen.ExitCode}");
        if (!seen.Running)
            return new(HealthState.Unhealthy, $"exited with code {seen.ExitCode}{(string.IsNullOrEmpty(seen.Error) ? "" : ": " + seen.Error)}");
        if (seen.Healthcheck == "unhealthy" && seen.Probe is null)
            return new(HealthState.Unhealthy, $"HEALTHCHECK reports unhealthy (failing streak {seen.FailingStreak})");

        var answered = seen.Probe switch
        {
            "" => (true, ""),
            { } failure => (false, failure),
            null when seen.Healthcheck is not null => (seen.Healthcheck == "healthy", $"HEALTHCHECK {seen.Healthcheck}"),
            null => (runningFor >= QuietPeriod, $"running for {runningFor.TotalSeconds:0.#} s"),
        };
        return (answered, seen.Listener) switch
        {
            (_, ListenerOwner.Foreign) => new(HealthState.Waiting, $"not the release answering: {seen.ListenerDetail}, not by the container"),
            ((true, _), ListenerOwner.Nobody) => new(HealthState.Waiting, $"nothing of the container listens yet ({seen.ListenerDetail})"),
            ((true, _), _) => new(HealthState.Healthy, ""),
            ((false, var why), _) => new(HealthState.Waiting, why),
        };
    }
}
