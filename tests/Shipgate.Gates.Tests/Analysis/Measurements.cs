using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Analysis;

/// <summary>Builds measurement sequences from phase letters: P pass, F fail, I inconclusive, E error.</summary>
internal static class Measurements
{
    public static IReadOnlyList<Measurement> Of(string phases) =>
        phases.Select((c, i) => new Measurement("g", DateTimeOffset.UnixEpoch.AddSeconds(i), c switch
        {
            'P' => MeasurementPhase.Pass,
            'F' => MeasurementPhase.Fail,
            'I' => MeasurementPhase.Inconclusive,
            'E' => MeasurementPhase.Error,
            _ => throw new ArgumentException($"unknown phase letter {c}", nameof(phases)),
        }, 1.0, 1000, ["q"], $"reason {i}")).ToList();
}
