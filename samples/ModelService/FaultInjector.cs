namespace Shipgate.Samples.ModelService;

/// <summary>Rolls the fault dice for each request. Thread-safe; a seed makes a run repeatable.</summary>
public sealed class FaultInjector
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    public FaultInjector(FaultOptions options)
    {
        options.Validate();
        Options = options;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
    }

    public FaultOptions Options { get; }

    /// <summary>True when this request must fail.</summary>
    public bool ShouldFail()
    {
        if (Options.ErrorRate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < Options.ErrorRate;
        }
    }

    public TimeSpan ExtraLatency => TimeSpan.FromMilliseconds(Options.LatencyMs);

    public double Shift(double probability) => Math.Clamp(probability + Options.PredictionShift, 0.0, 1.0);
}
