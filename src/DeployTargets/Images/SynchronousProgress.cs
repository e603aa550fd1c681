namespace Shipgate.DeployTargets.Images;

/// <summary>IProgress that runs the handler inline, so every message is seen before the call returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
