using System.Diagnostics;

namespace Shipgate.Bench.DeployTargets;

/// <summary>Polls the service's /version on every port until all of them answer the wanted version.</summary>
internal static class Serving
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };

    public static async Task WaitForAsync(string version, params int[] ports)
    {
        var watch = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                try
                {
                    if (await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/version")) == version) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Timed out: try again.
                }
                if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"port {port} never served {version}");
                await Task.Delay(50);
            }
        }
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> step)
    {
        var watch = Stopwatch.StartNew();
        await step();
        return watch.Elapsed;
    }
}
