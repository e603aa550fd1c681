using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Analysis;

/// <summary>Takes one look at a gate's metrics at a given time. Implementations report backend failures as failed observations.</summary>
public interface IGateObserver
{
    Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken);
}
