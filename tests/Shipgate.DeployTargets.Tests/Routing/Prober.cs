using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>One request of the prober: when it was sent and answered (on the prober's clock), and who answered (the body, an error's too).</summary>
internal sealed record Probe(TimeSpan Sent, TimeSpan Done, string? Backend, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Sends GET requests through the router at a fixed rate (each on its schedule, not waiting for the previous one, as
/// users would) and records every answer. Bounded: it stops by itself after <c>maxDuration</c>.
/// </summary>
internal sealed class Prober : IAsyncDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly HttpClient _client;
    private readonly ConcurrentBag<Probe> _probes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private Prober(Uri target, double requestsPerSecond, TimeSpan maxDuration, TimeSpan timeout)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = timeout };
        _stop.CancelAfter(maxDuration);
        _loop = Task.Run(() => RunAsync(target, requestsPerSecond));
    }

    /// <summary>The prober's clock, to place a router command among the probes.</summary>
    public static TimeSpan Now => Clock.Elapsed;

    /// <param name="target">what to GET</param>
    /// <param name="requestsPerSecond">the rate, kept whatever the answers' latency</param>
    /// <param name="maxDuration">it stops by itself after this</param>
    /// <param name="timeout">an answer later than this counts as failed (5 s by default)</param>
    public static Prober Start(Uri target, double requestsPerSecond, TimeSpan maxDuration, TimeSpan? timeout = null) =>
        new(target, requestsPerSecond, maxDuration, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>Stops sending, waits for the answers in flight, and returns every probe in the order sent.</summary>
    public async Task<IReadOnlyList<Probe>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _probes.OrderBy(p => p.Sent).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(Uri target, double requestsPerSecond)
    {
        var inFlight = new List<Task>();
        var start = Clock.Elapsed;
        for (long i = 0; !_stop.IsCancellationRequested; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / requestsPerSecond);
            var wait = due - Clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            inFlight.Add(SendAsync(target));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(Uri target)
    {
        var sent = Clock.Elapsed;
        try
        {
            using var response = await _client.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            _probes.Add(response.IsSuccessStatusCode
                ? new Probe(sent, Clock.Elapsed, body, null)
                : new Probe(sent, Clock.Elapsed, body.Length > 0 ? body : null, $"HTTP {(int)response.StatusCode}"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _probes.Add(new Probe(sent, Clock.Elapsed, null, e.Message));
        }
    }
}
