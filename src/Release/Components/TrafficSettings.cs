namespace Shipgate.Release.Components;

/// <summary>
/// Synthetic traffic during verification (and for the LoadTest target): a rising ramp of requests, so every
/// measurement sees more traffic than the one before. Each request is a POST to <see cref="Path"/> of
/// <c>{"features": {...}}</c>, one standard-normal value per name in <see cref="Features"/> (an ML model's input).
/// </summary>
public sealed record TrafficSettings
{
    public string Path { get; init; } = "/predict";

    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Requests per second at the start and at the end of the ramp (a --load-rate parameter overrides it).</summary>
    public (double Start, double End) Rate { get; init; } = (20, 60);
}
