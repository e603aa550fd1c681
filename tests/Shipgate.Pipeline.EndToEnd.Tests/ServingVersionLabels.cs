using Shipgate.Testing;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>
/// An environment's Prometheus labels its scrape target with the version the engine serves, as a user's service
/// discovery would (docker_sd_configs relabelling the container's <c>io.shipgate.version</c> label): once a container
/// of another version is healthy, the target is relabelled. Relabelling before that would file the old process's
/// scrapes, and the change-over's failed ones, under the new version, and the gates would rightly refuse it.
/// </summary>
internal sealed class ServingVersionLabels : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ServingVersionLabels(RemoteDockerEngine engine, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled) =>
        _loop = Task.Run(() => FollowAsync(engine, prometheus, scrapeJob, labelled, _stop.Token));

    /// <param name="engine">The environment's engine.</param>
    /// <param name="prometheus">The environment's Prometheus.</param>
    /// <param name="scrapeJob">The scrape configuration that labels the target with a version.</param>
    /// <param name="labelled">The version the target is labelled with now.</param>
    public static ServingVersionLabels Follow(RemoteDockerEngine engine, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled) =>
        new(engine, prometheus, scrapeJob, labelled);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task FollowAsync(RemoteDockerEngine engine, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var healthy = RemoteDocker.Run(engine, "ps", "--filter", $"label=io.shipgate.service={GitLabPipelineStack.Service}", "--filter", "health=healthy",
                    "--format", "{{.Label \"io.shipgate.version\"}}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            // One version serving, and not the one labelled: the change-over is done.
            if (healthy is [var version] && version != labelled)
            {
                await prometheus.ScrapeAsync(scrapeJob(version));
                labelled = version;
            }

            await Task.Delay(250, stop);
        }
    }
}
