namespace Shipgate.LocalStack.Monitoring;

/// <summary>What the generated alert rules fire on. Defaults suit the sample service.</summary>
public sealed record AlertThresholds
{
    /// <summary>Instance load: CPU seconds per second over the CPUs an instance is given (default one).</summary>
    public double InstanceLoad { get; init; } = 0.8;

    public TimeSpan InstanceLoadFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>CPUs an instance may use (a container's <c>--cpus</c>); instance load is relative to it.</summary>
    public double InstanceCpus { get; init; } = 1;

    /// <summary>Fraction of /predict requests answered 5xx.</summary>
    public double ErrorRate { get; init; } = 0.05;

    public TimeSpan ErrorRateFor { get; init; } = TimeSpan.FromMinutes(1);

    public double LatencyP95Seconds { get; init; } = 0.5;

    public TimeSpan LatencyFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A scrape target down this long fires.</summary>
    public TimeSpan DownFor { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        Require(InstanceLoad is > 0 and <= 1, nameof(InstanceLoad), "must be within (0, 1]");
        Require(InstanceCpus > 0, nameof(InstanceCpus), "must be positive");
        Require(ErrorRate is > 0 and < 1, nameof(ErrorRate), "must be within (0, 1)");
        Require(LatencyP95Seconds > 0, nameof(LatencyP95Seconds), "must be positive");
        foreach (var (name, value) in new[]
                 {
                     (nameof(InstanceLoadFor), InstanceLoadFor), (nameof(ErrorRateFor), ErrorRateFor),
                     (nameof(LatencyFor), LatencyFor), (nameof(DownFor), DownFor),
                 })
        {
            Require(value >= TimeSpan.Zero, name, "must not be negative");
        }
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Alert threshold {name} {rule}.", name);
        }
    }
}
