namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>How long after a router command a server still got new requests.</summary>
internal static class SwitchEffect
{
    /// <summary>
    /// From the command to the last request sent to <paramref name="server"/> (zero when none was sent after it): an
    /// upper bound of the time to effect, to the prober's resolution (one request every 1/rate).
    /// </summary>
    public static TimeSpan Measure(IReadOnlyList<Probe> probes, string server, TimeSpan command)
    {
        var last = probes.Where(p => p.Backend == server).Select(p => p.Sent).DefaultIfEmpty(TimeSpan.Zero).Max();
        return last > command ? last - command : TimeSpan.Zero;
    }
}
