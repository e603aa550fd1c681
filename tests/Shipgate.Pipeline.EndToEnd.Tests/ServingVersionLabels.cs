using System.Globalization;
using Shipgate.Testing;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>
/// An environment's Prometheus labels its scrape target with the version the engine serves, as a user's service
/// discovery would (docker_sd_configs relabelling the container's <c>io.shipgate.version</c> label): once the only
/// running container is of another version and the port answers its health check (when the release is healthy, where
/// the embedded stack re-points its Prometheus), the target is relabelled. Relabelling before that would file the old
/// process's scrapes, and the change-over's failed ones, under the new version, and the gates would rightly refuse
/// it; relabelling late leaves the new version's series seconds old when the analysis reads it.
/// </summary>
internal sealed class ServingVersionLabels : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ServingVersionLabels(RemoteDockerEngine engine, int port, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled) =>
        _loop = Task.Run(() => FollowAsync(engine, port, prometheus, scrapeJob, labelled, _stop.Token));

    /// <param name="engine">The environment's engine.</param>
    /// <param name="port">The service's port in the environment.</param>
    /// <param name="prometheus">The environment's Prometheus.</param>
    /// <param name="scrapeJob">The scrape configuration that labels the target with a version.</param>
    /// <param name="labelled">The version the target is labelled with now.</param>
    public static ServingVersionLabels Follow(RemoteDockerEngine engine, int port, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled) =>
        new(engine, port, prometheus, scrapeJob, labelled);

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

    private static async Task FollowAsync(RemoteDockerEngine engine, int port, PrometheusServer prometheus, Func<string, string> scrapeJob, string labelled, CancellationToken stop)
    {
        var health = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health");
        while (!stop.IsCancellationRequested)
        {
            var running = RemoteDocker.Run(engine, "ps", "--filter", $"label=io.shipgate.service={GitLabPipelineStack.Service}", "--format", "{{.Label \"io.shipgate.version\"}}")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            // One version running, not the one labelled, and answering: the change-over is done.
            if (running is [var version] && version != labelled && await AnswersAsync(health, stop))
            {
                await prometheus.ScrapeAsync(scrapeJob(version));
                labelled = version;
            }

            await Task.Delay(100, stop);
        }
    }

    private static async Task<bool> AnswersAsync(Uri health, CancellationToken stop)
    {
        try
        {
            using var response = await Http.GetAsync(health, stop);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !stop.IsCancellationRequested))
        {
            return false;
        }
    }
}
