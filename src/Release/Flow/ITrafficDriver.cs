namespace Shipgate.Release.Flow;

/// <summary>Sends traffic to the release while it is verified (the embedded stack's load generator); absent where real users send it.</summary>
public interface ITrafficDriver
{
    /// <summary>Runs until <paramref name="duration"/> passes or the token is cancelled.</summary>
    Task<TrafficReport> RunAsync(TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>What the verification traffic saw. Requests that got no answer at all are evidence against the release.</summary>
public sealed record TrafficReport(int Sent, int Unanswered, string Summary)
{
    /// <summary>More than 1% unanswered: the release was unreachable (crash loop, engine restart) for part of its verification.</summary>
    public bool ShowsOutage => Sent > 0 && Unanswered > Math.Max(1, Sent / 100);
}
