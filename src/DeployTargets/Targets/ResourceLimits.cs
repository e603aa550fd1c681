namespace Shipgate.DeployTargets.Targets;

/// <summary>CPU and memory limits; validated before anything is deployed.</summary>
public sealed record ResourceLimits(double? Cpus = null, long? MemoryBytes = null)
{
    /// <summary>The engine's own minimum for a memory limit.</summary>
    public const long MinimumMemoryBytes = 6 * 1024 * 1024;

    public long? NanoCpus => Cpus is { } c ? (long)Math.Round(c * 1e9) : null;

    public void Validate(string target)
    {
        if (Cpus is { } cpus && (double.IsNaN(cpus) || cpus < 0.01 || cpus > Environment.ProcessorCount))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"{target}: Resources.Cpus = {cpus} is out of range: 0.01 to {Environment.ProcessorCount} (the CPUs of this host).");
        if (MemoryBytes is { } memory && memory < MinimumMemoryBytes)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"{target}: Resources.MemoryBytes = {memory} is below the engine's minimum of {MinimumMemoryBytes} bytes (6 MiB).");
    }
}
