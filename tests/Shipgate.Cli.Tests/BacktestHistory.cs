using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Shipgate.Cli.Tests;

/// <summary>
/// A real Prometheus whose history was written before it started: OpenMetrics turned into blocks by
/// <c>promtool tsdb create-blocks-from openmetrics</c> in its data directory. The history, every 5 s from
/// <see cref="Start"/> (two hours ago): version 1 serves for 40 minutes at 100 requests/s with 1% errors,
/// version 2 (healthy, 1% errors) beside it from +10 to +25 minutes, version 3 (bad, 10% errors) from +25 to +35.
/// </summary>
public sealed class BacktestHistory : IDisposable
{
    public const string Service = "modelservice";

    public BacktestHistory()
    {
        var now = DateTimeOffset.UtcNow;
        Start = DateTimeOffset.FromUnixTimeSeconds(((now.ToUnixTimeSeconds() - 7200) / 5) * 5);
        Directory = System.IO.Directory.CreateTempSubdirectory("shipgate-backtest-").FullName;
        var input = Path.Combine(Directory, "history.om");
        File.WriteAllText(input, OpenMetrics());
        Run("promtool", "tsdb", "create-blocks-from", "openmetrics", input, Path.Combine(Directory, "run", "data"));

        var config = Path.Combine(Directory, "prometheus.yml");
        File.WriteAllText(config, "global:\n  scrape_interval: 5s\nscrape_configs: []\n");
        Port = FreePorts.Next();
        Run("bash", Path.Combine(RepositoryPaths.Root, "scripts", "stack", "prometheus.sh"), "start", config, Port.ToString(CultureInfo.InvariantCulture), Path.Combine(Directory, "run"));
    }

    public DateTimeOffset Start { get; }

    public string Directory { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);

    public void Dispose()
    {
        Run("bash", Path.Combine(RepositoryPaths.Root, "scripts", "stack", "prometheus.sh"), "stop", Path.Combine(Directory, "run"));
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string OpenMetrics()
    {
        (string Version, int From, int To, double ErrorRate)[] versions = [("1", 0, 40, 0.01), ("2", 10, 25, 0.01), ("3", 25, 35, 0.10)];
        var text = new StringBuilder();
        text.AppendLine("# TYPE modelservice_requests counter");
        foreach (var (version, from, to, errorRate) in versions)
        {
            foreach (var code in new[] { "200", "500" })
            {
                var share = code == "500" ? errorRate : 1 - errorRate;
                foreach (var (t, seconds) in Times(from, to))
                    text.AppendLine(CultureInfo.InvariantCulture, $"modelservice_requests_total{{service=\"{Service}\",version=\"{version}\",code=\"{code}\"}} {Math.Round(100 * seconds * share)} {t}");
            }
        }

        text.AppendLine("# TYPE up gauge");
        foreach (var (version, from, to, _) in versions)
        {
            foreach (var (t, _) in Times(from, to))
                text.AppendLine(CultureInfo.InvariantCulture, $"up{{service=\"{Service}\",version=\"{version}\",instance=\"127.0.0.1:80{version}0\"}} 1 {t}");
        }

        text.AppendLine("# EOF");
        return text.ToString();
    }

    /// <summary>Unix seconds every 5 s from minute <paramref name="from"/> to <paramref name="to"/>, with the seconds served so far.</summary>
    private IEnumerable<(long Time, int Served)> Times(int from, int to)
    {
        for (var s = from * 60; s <= to * 60; s += 5)
            yield return (Start.ToUnixTimeSeconds() + s, s - (from * 60));
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output}");
    }
}
