namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// How HAProxy checks a server: an HTTP GET of <see cref="Path"/> every <see cref="IntervalMilliseconds"/>; <see cref="Fall"/>
/// failures in a row take it out, <see cref="Rise"/> successes put it back. The defaults take a dead server out
/// within about a second (2 × 500 ms) on loopback.
/// </summary>
public sealed record HaproxyHealthCheck(string Path = "/health", int IntervalMilliseconds = 500, int Fall = 2, int Rise = 1)
{
    /// <summary>The check arguments of one server line (`server` in the configuration, `add server` at runtime).</summary>
    public string ServerArguments => $"check inter {IntervalMilliseconds}ms fall {Fall} rise {Rise}";
}
