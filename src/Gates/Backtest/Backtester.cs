using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Gates.Backtest;

/// <summary>
/// Replays a gates file over past releases: for each, the product's <see cref="Verifier"/> runs on a clock set to
/// the assumed deploy, so every query is evaluated at the past instant the measurement would have been taken
/// (scrape checks, baseline probe and all). Nothing waits; the answer is what the gates would have decided then.
/// </summary>
public sealed class Backtester(IMetricSource source)
{
    public async Task<BacktestSummary> RunAsync(
        GatesDocument gates, string service, string? environment, IReadOnlyList<BacktestRelease> releases, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(releases);
        var outcomes = new List<BacktestOutcome>();
        var planned = Verifier.PlannedDuration(gates.Gates);
        foreach (var release in releases.OrderBy(r => r.DeployedAt))
        {
            if (release.DeployedAt + planned > now)
            {
                outcomes.Add(new BacktestOutcome(release, null, $"its analysis ({planned.TotalSeconds:0}s) would end in the future"));
                continue;
            }

            var context = ReleaseContext.Of(service, release.Version, release.BaselineVersion, environment, gates.Window, release.BaselineTime);
            var verifier = new Verifier(source, new ReplayClock(release.DeployedAt)) { ScrapeSelector = gates.ScrapeSelector };
            try
            {
                outcomes.Add(new BacktestOutcome(release, await verifier.VerifyAsync(gates.Gates, context, gates.Policy, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception e) when (e is GateConfigurationException or TemplateException)
            {
                outcomes.Add(new BacktestOutcome(release, null, e.Message));
            }
        }

        return new BacktestSummary(outcomes);
    }
}
