using Shipgate.DeployTargets;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Flow;

/// <summary>
/// Everything that can be checked before anything is deployed, all of it reported at once: the gates file parsed and
/// every query validated by the server (and each error matcher's labels), the engine, registry and Prometheus answering,
/// the version usable and not rolled back before (unless forced), the traffic settings valid.
/// A problem here deploys nothing; a release that fails later is decided by <see cref="ReleasePolicy"/>.
/// </summary>
public sealed class ReleasePreflight(ReleaseSettings settings, IDeployTarget platform, IMetricSource metrics, HttpClient http)
{
    /// <summary>The gates document, when the pre-flight passes; throws <see cref="PreflightException"/> listing every problem.</summary>
    public async Task<GatesDocument> CheckAsync(string gatesPath, string version, bool force, Func<IReadOnlyList<string>> trafficProblems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trafficProblems);
        var problems = new List<string>(trafficProblems());
        GatesDocument? gates = null;
        try
        {
            gates = GatesFile.Load(gatesPath);
        }
        catch (GatesFileException exception)
        {
            problems.Add(exception.Message);
        }

        var history = await LedgerAsync(problems, cancellationToken).ConfigureAwait(false);
        if (history is not null)
            problems.AddRange(VersionRules.Problems(version, history, force));
        problems.AddRange(await RegistryProblemsAsync(cancellationToken).ConfigureAwait(false));
        if (gates is not null)
            problems.AddRange(await GateProblemsAsync(gates, version, history, cancellationToken).ConfigureAwait(false));

        return problems.Count > 0 ? throw new PreflightException(problems) : gates!;
    }

    private async Task<IReadOnlyList<ReleaseRecord>?> LedgerAsync(List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return (await platform.StatusAsync(cancellationToken).ConfigureAwait(false)).History;
        }
        catch (Exception exception) when (exception is DeployTargetException or HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException)
        {
            problems.Add($"the Docker engine at {settings.Engine} does not answer: {exception.Message}");
            return null;
        }
    }

    private async Task<IReadOnlyList<string>> RegistryProblemsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The registry API root answers 200, or 401 when it wants credentials: either way it is there.
            using var response = await http.GetAsync(new Uri($"http://{settings.Registry}/v2/"), cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode is 200 or 401 ? [] : [$"the registry {settings.Registry} answers {(int)response.StatusCode} at /v2/"];
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [$"the registry {settings.Registry} does not answer: {exception.Message}"];
        }
    }

    private async Task<IReadOnlyList<string>> GateProblemsAsync(GatesDocument gates, string version, IReadOnlyList<ReleaseRecord>? history, CancellationToken cancellationToken)
    {
        var baseline = history?.FirstOrDefault(r => r.Phase == ReleasePhase.Promoted)?.Version;
        try
        {
            var release = ReleaseContext.Of(settings.Service.Name, version, baseline == version ? null : baseline, settings.Environment.Name, gates.Window);
            return await GatesPreflight.CheckAsync(gates, release, metrics, cancellationToken).ConfigureAwait(false);
        }
        catch (TemplateException exception)
        {
            return [exception.Message];
        }
        catch (MetricSourceException exception)
        {
            return [$"Prometheus at {settings.Prometheus} cannot be asked: {exception.Message}"];
        }
    }
}
