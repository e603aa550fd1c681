using System.Globalization;
using Shipgate.DeployTargets.Targets;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Events;

/// <summary>
/// Points the embedded Prometheus at the version that serves (re-generating its configuration and reloading it).
/// During the switch it scrapes nothing: the old process's counters must never be read under the new version's
/// label, or the reverse, or the two versions' distributions mix. Behind a router the service's port is the router's,
/// which mixes the versions: each instance of the serving release is scraped on its own port instead.
/// </summary>
public sealed class LocalMonitoringSink(LocalMonitoring monitoring, ReleaseSettings settings, IDeployTarget platform) : IReleaseSink
{
    private MonitoringSpec? _applied;

    public Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken) => releaseEvent switch
    {
        ReleaseEvent.Deploying => PointAtAsync(null, cancellationToken),
        ReleaseEvent.CanaryAnalysing e => PointAtCanaryAsync(e.Step, cancellationToken),
        ReleaseEvent.Deployed e => PointAtAsync(e.Release.Version, cancellationToken),
        ReleaseEvent.DeployFailed e => PointAtAsync(e.Serving, cancellationToken),
        ReleaseEvent.RolledBack e => PointAtAsync(e.Release.Version, cancellationToken),
        ReleaseEvent.Promoted e => PointAtAsync(e.Release.Version, cancellationToken),
        // A run killed mid-switch left it scraping nothing (or the version that no longer serves).
        ReleaseEvent.Recovered e => PointAtAsync(e.Serving?.Version, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>The monitoring files for the version that serves (none: null), with the ledger's annotations.</summary>
    public async Task<MonitoringSpec> SpecAsync(string? servingVersion, CancellationToken cancellationToken)
    {
        var status = await platform.StatusAsync(cancellationToken).ConfigureAwait(false);
        var history = status.History;
        var ports = settings.RouterSocket is not null && status.Current is { } current && current.Version == servingVersion
            ? current.Instances.Select(i => i.Port).OfType<int>().ToList()
            : settings.InstancePorts;
        return new MonitoringSpec
        {
            Service = settings.Service.Name,
            Environment = settings.Environment.Name,
            Targets = servingVersion is null ? [] : ports
                .Select(port => Target(servingVersion, port))
                .ToList(),
            ReleaseEvents = LedgerAnnotations.FromLedger(history),
        };
    }

    /// <summary>
    /// During a canary both versions serve behind the router: each is scraped on its own port, under its own version, and
    /// a concurrent baseline under its own (1.0.0-baseline-3fa9c2), so its series are not the stable release's.
    /// The step is announced from inside the deploy, which holds the release lease's one call slot, so the platform is
    /// not asked (that would wait for the deploy forever): the annotations stay those last applied.
    /// </summary>
    private async Task PointAtCanaryAsync(DeployTargets.Targets.CanaryAnalysisContext step, CancellationToken cancellationToken)
    {
        var spec = _applied ?? new MonitoringSpec { Service = settings.Service.Name, Environment = settings.Environment.Name };
        var serving = new[] { (step.Canary.Version, step.CanaryPort), (step.Stable?.Version, step.StablePort), (step.BaselineVersion, step.BaselinePort) };
        await monitoring.ApplyAsync(spec with
        {
            Targets = serving.Where(s => s is ({ }, { })).Select(s => Target(s.Item1!, s.Item2!.Value)).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private ScrapeTarget Target(string version, int port) =>
        new(settings.Service.Name, version, settings.Environment.Name, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    private async Task PointAtAsync(string? servingVersion, CancellationToken cancellationToken)
    {
        var spec = await SpecAsync(servingVersion, cancellationToken).ConfigureAwait(false);
        await monitoring.ApplyAsync(spec, cancellationToken).ConfigureAwait(false);
        _applied = spec;
    }
}
