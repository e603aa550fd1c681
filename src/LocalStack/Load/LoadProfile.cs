namespace Shipgate.LocalStack.Load;

/// <summary>
/// A bounded, open-loop load: the request rate rises linearly from <see cref="StartRate"/> to <see cref="EndRate"/>
/// requests per second over <see cref="Duration"/>, whatever the service answers (a slow service does not slow the
/// schedule; requests beyond <see cref="MaxConcurrency"/> in flight are dropped and counted).
/// </summary>
public sealed record LoadProfile
{
    public const double MaxRate = 2_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    public required double StartRate { get; init; }

    public required double EndRate { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The features sent with each request, drawn independently per request.</summary>
    public required IReadOnlyList<FeatureDistribution> Features { get; init; }

    /// <summary>Seeds the feature draws: the same seed sends the same bodies in the same order.</summary>
    public int Seed { get; init; } = 1;

    public int MaxConcurrency { get; init; } = 64;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public string Path { get; init; } = "/predict";

    /// <summary>Total requests the schedule sends: the area under the ramp, (R0 + R1) / 2 · T.</summary>
    public int PlannedRequests => (int)Math.Floor((StartRate + EndRate) / 2 * Duration.TotalSeconds);

    public void Validate()
    {
        Require(StartRate is >= 0 and <= MaxRate, nameof(StartRate), $"must be within 0..{MaxRate} requests/s");
        Require(EndRate is >= 0 and <= MaxRate, nameof(EndRate), $"must be within 0..{MaxRate} requests/s");
        Require(StartRate + EndRate > 0, nameof(EndRate), "and StartRate cannot both be 0");
        Require(Duration > TimeSpan.Zero && Duration <= MaxDuration, nameof(Duration), $"must be within (0, {MaxDuration}]");
        Require(MaxConcurrency is >= 1 and <= 1_000, nameof(MaxConcurrency), "must be within 1..1000");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(Features.Count > 0, nameof(Features), "must name at least one feature");
        Require(Path.StartsWith('/'), nameof(Path), "must start with '/'");
        foreach (var feature in Features)
        {
            feature.Validate();
        }
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Load profile: {name} {rule}.", name);
        }
    }
}
