using System.Diagnostics;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>A real Prometheus (Debian package) started through scripts/stack/prometheus.sh in a temp directory.</summary>
internal sealed class PrometheusServer : IDisposable
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

    public static PrometheusServer Start(int port, string scrapeConfigs, string? webConfig = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory($"shipgate-prom-{port}-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n{scrapeConfigs}");
        string? webConfigPath = null;
        if (webConfig is not null)
        {
            webConfigPath = Path.Combine(directory, "web.yml");
            File.WriteAllText(webConfigPath, webConfig);
        }

        Script("start", config, port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(directory, "run"), webConfigPath ?? "");
        return new PrometheusServer(port, directory, webConfig is not null);
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
