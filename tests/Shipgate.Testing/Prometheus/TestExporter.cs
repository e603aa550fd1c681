using System.Net;
using System.Text;

namespace Shipgate.Testing;

/// <summary>
/// A real HTTP endpoint in the test process that Prometheus scrapes: <c>/metrics/{service}/{version}</c>
/// serves that simulated version (503 when it is not <see cref="SimulatedService.Answering"/>), and a
/// background loop keeps every version's traffic flowing. It listens on a free loopback port.
/// </summary>
public sealed class TestExporter : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, SimulatedService> _targets = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Task _traffic;

    public TestExporter()
    {
        Port = FreePorts.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
        _traffic = Task.Run(TrafficAsync);
    }

    public int Port { get; }

    public SimulatedService Add(string service, string version, int seed)
    {
        var simulated = new SimulatedService(seed);
        lock (_targets)
            _targets[$"{service}/{version}"] = simulated;
        return simulated;
    }

    /// <summary>A scrape job for one service/version with the target labels the sample's scrape config sets.</summary>
    public string ScrapeJob(string service, string version) => $$"""
          - job_name: {{service}}-{{version}}
            metrics_path: /metrics/{{service}}/{{version}}
            static_configs:
              - targets: ['127.0.0.1:{{Port}}']
                labels: {service: {{service}}, version: {{version}}, environment: test}

        """;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        Task.WaitAll([_serving, _traffic], TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var key = context.Request.Url!.AbsolutePath["/metrics/".Length..];
            SimulatedService? target;
            lock (_targets)
                _targets.TryGetValue(key, out target);
            var answering = target is { Answering: true };
            var body = Encoding.UTF8.GetBytes(answering ? target!.Exposition() : "");
            context.Response.StatusCode = target is null ? 404 : answering ? 200 : 503;
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private async Task TrafficAsync()
    {
        var tick = TimeSpan.FromMilliseconds(100);
        using var timer = new PeriodicTimer(tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                lock (_targets)
                {
                    foreach (var target in _targets.Values)
                        target.Advance(tick);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}
