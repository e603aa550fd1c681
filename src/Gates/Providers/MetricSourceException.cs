namespace Shipgate.Gates.Providers;

/// <summary>The metrics backend could not answer. Messages never carry credentials.</summary>
public abstract class MetricSourceException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Worth retrying: the same request may succeed a moment later.</summary>
    public abstract bool IsTransient { get; }
}
