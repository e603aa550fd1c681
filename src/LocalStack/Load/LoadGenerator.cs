using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Shipgate.LocalStack.Load;

/// <summary>
/// Sends a <see cref="LoadProfile"/> to a service on this machine: a rising ramp of POSTs with
/// <c>{"features": {...}}</c> bodies. Loopback targets only. Cancelling stops sending and returns what was done.
/// </summary>
public sealed class LoadGenerator(HttpClient httpClient)
{
    public async Task<LoadResult> RunAsync(Uri target, LoadProfile profile, CancellationToken cancellationToken = default)
    {
        LoopbackGuard.Require(target, nameof(target));
        profile.Validate();
        var endpoint = new Uri(target, profile.Path);
        var sampler = new FeatureSampler(profile.Features, profile.Seed);
        var statusCodes = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<TimeSpan>();
        var transportErrors = 0;
        var inFlight = 0;
        var sent = 0;
        var dropped = 0;
        var requests = new List<Task>();
        var clock = Stopwatch.StartNew();

        async Task SendOneAsync(Dictionary<string, double> features)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(profile.RequestTimeout);
                using var response = await httpClient.PostAsJsonAsync(endpoint, new { features }, timeout.Token);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                statusCodes.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Refused connections and timeouts are the service's answer too; a cancelled run is not.
                if (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref transportErrors);
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        var cancelled = false;
        try
        {
            foreach (var due in RampSchedule.SendTimes(profile.StartRate, profile.EndRate, profile.Duration))
            {
                // Draw every body, sent or dropped, so the sequence of features depends on the seed alone.
                var features = sampler.Next();
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                if (Interlocked.Increment(ref inFlight) > profile.MaxConcurrency)
                {
                    Interlocked.Decrement(ref inFlight);
                    dropped++;
                    continue;
                }

                sent++;
                requests.Add(SendOneAsync(features));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        await Task.WhenAll(requests);
        return new LoadResult(
            profile.PlannedRequests, sent, new Dictionary<int, int>(statusCodes), transportErrors, dropped,
            cancelled || cancellationToken.IsCancellationRequested, clock.Elapsed, LatencySummary.From(latencies.ToArray()));
    }
}
