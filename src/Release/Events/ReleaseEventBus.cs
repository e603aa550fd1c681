using Serilog;

namespace Shipgate.Release.Events;

/// <summary>Tells every sink, in order. A sink's failure is a warning: reporting never decides a release.</summary>
public sealed class ReleaseEventBus(IReadOnlyList<IReleaseSink> sinks, ILogger log)
{
    public IReadOnlyList<IReleaseSink> Sinks { get; } = sinks;

    public async Task PublishAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken = default)
    {
        foreach (var sink in Sinks)
        {
            try
            {
                await sink.OnAsync(releaseEvent, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any sink failure (I/O, HTTP, native chart code) must not change the release.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                log.Warning("{Sink} could not report {Event}: {Message}", sink.GetType().Name, releaseEvent.GetType().Name, exception.Message);
            }
        }
    }
}
