using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Shipgate.LocalStack.Tests;

/// <summary>A real Prometheus (Debian package) on a loopback port of this project, with its own TSDB directory.</summary>
internal sealed class RunningPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TempDirectory _storage;

    private RunningPrometheus(Process process, Uri address, TempDirectory storage)
    {
        _process = process;
        _storage = storage;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RunningPrometheus> StartAsync(string configPath, bool enableLifecycle = true)
    {
        var port = Ports.Next();
        var storage = new TempDirectory();
        var args = new List<string>
        {
            $"--config.file={configPath}", $"--web.listen-address=127.0.0.1:{port}",
            $"--storage.tsdb.path={storage.Path}", "--log.level=warn",
        };
        if (enableLifecycle)
        {
            args.Add("--web.enable-lifecycle");
        }

        var process = Process.Start(new ProcessStartInfo("prometheus", args) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("prometheus did not start; apt-get install prometheus");
        var prometheus = new RunningPrometheus(process, new Uri($"http://127.0.0.1:{port}/"), storage);
        process.ErrorDataReceived += (_, e) => prometheus.Append(e.Data);
        process.OutputDataReceived += (_, e) => prometheus.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await prometheus.WaitReadyAsync();
        return prometheus;
    }

    /// <summary>Polls an instant query until it returns at least one series, or fails with the last answer and the log.</summary>
    public async Task<JsonElement[]> WaitForSeriesAsync(string query, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await Client.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(query)}");
            using var json = JsonDocument.Parse(last);
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() > 0)
            {
                return result.EnumerateArray().Select(e => e.Clone()).ToArray();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No series for {query} within {timeout}; last answer {last}\nprometheus log:\n{Log}");
    }

    public async Task<JsonElement> ActiveTargetsAsync()
    {
        var json = await Client.GetFromJsonAsync<JsonElement>("api/v1/targets?state=active");
        return json.GetProperty("data").GetProperty("activeTargets");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync("-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Prometheus at {Address} did not become ready:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _storage.Dispose();
    }
}
