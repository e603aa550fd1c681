using Shipgate.LocalStack.Load;
using Shipgate.Release.Components;

namespace Shipgate.Release.Flow;

/// <summary>
/// The embedded stack's load generator as verification traffic: a ramp of POSTs with standard-normal features.
/// Each run draws its own seed unless the driver is given one: with one fixed seed every verification sent the same bodies in the
/// same order, so a candidate's first requests were always a prefix of its baseline's, and the prediction-drift gate
/// compared a sequence with its own beginning (a seed whose first few hundred draws run low rolled healthy releases
/// back whenever a look landed there). The seed is in the report, so a run can be replayed (give it as the driver's seed).
/// </summary>
public sealed class LoadTrafficDriver(HttpClient http, Uri service, TrafficSettings traffic, (double Start, double End) rate, int? seed = null) : ITrafficDriver
{
    public LoadProfile ProfileFor(TimeSpan duration) => new()
    {
        Seed = seed ?? Random.Shared.Next(),
        StartRate = rate.Start,
        EndRate = rate.End,
        Duration = duration,
        Path = traffic.Path,
        Features = FeatureDistribution.StandardNormal(traffic.Features),
    };

    /// <summary>What is wrong with the traffic settings (checked in the pre-flight, before anything is deployed).</summary>
    public IReadOnlyList<string> Problems()
    {
        try
        {
            ProfileFor(TimeSpan.FromMinutes(1)).Validate();
            return [];
        }
        catch (ArgumentException exception)
        {
            return [$"traffic (--load-rate {rate.Start} {rate.End}, path {traffic.Path}): {exception.Message}"];
        }
    }

    public async Task<TrafficReport> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var profile = ProfileFor(duration);
        var result = await new LoadGenerator(http).RunAsync(service, profile, cancellationToken).ConfigureAwait(false);
        return new TrafficReport(result.Sent, result.TransportErrors,
            $"{result.Sent} sent, {result.Succeeded} succeeded, {result.ServerErrors} server errors, {result.TransportErrors} unanswered, {result.AchievedRate:F1}/s, seed {profile.Seed}");
    }
}
