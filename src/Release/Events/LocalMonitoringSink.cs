using System.Globalization;
using Shipgate.DeployTargets.Targets;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Events;

/// <summary>
/// Points the embedded Prometheus at the version that serves (re-generating its configuration and reloading it).
/// During the switch it scrapes nothing: the old process's counters must never be read under the new version's
/// label, or the reverse, or the two versions' distributions mix.
/// </summary>
public sealed class LocalMonitoringSink(LocalMonitoring monitoring, ReleaseSettings settings, IDeployTarget platform) : IReleaseSink
{
    public Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken) => releaseEvent switch
    {
        ReleaseEvent.Deploying => PointAtAsync(null, cancellationToken),
        ReleaseEvent.Deployed e => PointAtAsync(e.Release.Version, cancellationToken),
        ReleaseEvent.DeployFailed e => PointAtAsync(e.Serving, cancellationToken),
        ReleaseEvent.RolledBack e => PointAtAsync(e.Release.Version, cancellationToken),
        ReleaseEvent.Promoted e => PointAtAsync(e.Release.Version, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>The monitoring files for the version that serves (none: null), with the ledger's annotations.</summary>
    public async Task<MonitoringSpec> SpecAsync(string? servingVersion, CancellationToken cancellationToken)
    {
        var history = (await platform.StatusAsync(cancellationToken).ConfigureAwait(false)).History;
        return new MonitoringSpec
        {
            Service = settings.Service.Name,
            Environment = settings.Environment.Name,
            Targets = servingVersion is null ? [] : settings.InstancePorts
                .Select(port => new ScrapeTarget(settings.Service.Name, servingVersion, settings.Environment.Name, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"))
                .ToList(),
            ReleaseEvents = LedgerAnnotations.FromLedger(history),
        };
    }

    private async Task PointAtAsync(string? servingVersion, CancellationToken cancellationToken) =>
        await monitoring.ApplyAsync(await SpecAsync(servingVersion, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
