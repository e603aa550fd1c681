using System.Collections.Concurrent;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Tests.Analysis;

/// <summary>
/// Answers each <see cref="ScriptedGate"/> with its next scripted value (held to "at most 1"); a value of
/// -1 stands for a backend error and -2 for an observer that throws.
/// </summary>
internal sealed class ScriptedObserver : IGateObserver
{
    private readonly ConcurrentDictionary<string, int> _taken = new();

    public ConcurrentQueue<(string Gate, DateTimeOffset At)> Calls { get; } = new();

    public Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scripted = (ScriptedGate)gate;
        Calls.Enqueue((gate.Name, at));
        var index = _taken.AddOrUpdate(gate.Name, 0, (_, i) => i + 1);
        var value = scripted.Values[Math.Min(index, scripted.Values.Length - 1)];
        return value switch
        {
            -1 => Task.FromResult(Observation.Failed(["q"], "connection refused")),
            -2 => throw new InvalidOperationException("observer crashed"),
            _ => Task.FromResult(new Observation(["q"], value, 1000, new BandCriterion(gate.Band))),
        };
    }
}
