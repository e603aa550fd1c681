using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Shipgate.Testing;

/// <summary>
/// A real Prometheus (Debian package) started through scripts/stack/prometheus.sh in a temp directory, on a
/// free loopback port, scraping every second. Ready when the script returns; <see cref="WaitForScrapesAsync"/>
/// polls the HTTP API until the scraped series reach back far enough, never a fixed sleep.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private PrometheusServer(int port, string directory, bool tls)
    {
        Port = port;
        Directory = directory;
        Url = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public string Directory { get; }

    public Uri Url { get; }

    /// <param name="scrapeConfigs">The <c>scrape_configs</c> entries (e.g. <see cref="TestExporter.ScrapeJob"/>).</param>
    /// <param name="webConfig">A <c>--web.config.file</c> (TLS, basic auth), or null for plain http.</param>
    public static PrometheusServer Start(string scrapeConfigs, string? webConfig = null)
    {
        var port = FreePorts.Next();
        var directory = System.IO.Directory.CreateTempSubdirectory($"shipgate-prom-{port}-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, Configuration(scrapeConfigs));
        string? webConfigPath = null;
        if (webConfig is not null)
        {
            webConfigPath = Path.Combine(directory, "web.yml");
            File.WriteAllText(webConfigPath, webConfig);
        }

        Script("start", config, port.ToString(CultureInfo.InvariantCulture), Path.Combine(directory, "run"), webConfigPath ?? "");
        return new PrometheusServer(port, directory, webConfig is not null);
    }

    /// <summary>
    /// Polls until every scrape target has <c>up</c> samples reaching back <paramref name="covered"/> (rates and
    /// increases over that window then see whole windows), or fails after <paramref name="timeout"/> with the last answer.
    /// Plain http only.
    /// </summary>
    public async Task WaitForScrapesAsync(int targets, TimeSpan covered, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var seconds = (int)Math.Ceiling(covered.TotalSeconds);
        var query = $"count(min_over_time(timestamp(up)[{seconds + 5}s:1s]) <= time() - {seconds})";
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await client.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(query)}").ConfigureAwait(false);
                using var json = JsonDocument.Parse(last);
                var result = json.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0 && double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) >= targets)
                    return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException($"Prometheus at {Url}: {targets} targets not scraped for {covered} within {timeout}; last answer: {last}");
    }

    /// <summary>Removes every scrape target by reloading an empty configuration: their series go stale, as when a target disappears.</summary>
    public Task DropAllTargetsAsync() => ReloadAsync("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs: []\n");

    /// <summary>Scrapes <paramref name="scrapeConfigs"/> from now on instead of what it scraped (a reload: no restart, history kept).</summary>
    public Task ScrapeAsync(string scrapeConfigs) => ReloadAsync(Configuration(scrapeConfigs));

    private static string Configuration(string scrapeConfigs) =>
        $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n{scrapeConfigs}";

    private async Task ReloadAsync(string configuration)
    {
        await File.WriteAllTextAsync(Path.Combine(Directory, "prometheus.yml"), configuration).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = Url };
        using var response = await client.PostAsync("-/reload", null).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Stop() => Script("stop", Path.Combine(Directory, "run"));

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static void Script(params string[] args)
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "stack", "prometheus.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args.Where(a => a.Length > 0))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"prometheus.sh {string.Join(' ', args)} failed: {stderr.Result}");
    }
}
