namespace Shipgate.DeployTargets.Images;

/// <summary>Retries for a registry that is down or failing; auth refusals are never retried.</summary>
public sealed record PushRetryOptions
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);
}
