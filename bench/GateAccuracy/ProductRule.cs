using Shipgate.Gates.Model;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Bench.GateAccuracy;

/// <summary>
/// What a user gets: the product's <see cref="Verifier"/> (query validation, scrape checks, the analysis runner,
/// the judge, the deciders, the verdict and the inconclusive policy) with a real gates file, reading the
/// simulated release through the metric-source interface on a virtual clock. Rolled back is whatever the
/// verdict's action is (a failed or, under the rollback policy, an undecided release).
/// </summary>
public sealed class ProductRule(string gatesFile) : IDecisionRule
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly GatesDocument _gates = GatesFile.Load(gatesFile);

    public string Name => $"Shipgate ({Path.GetFileName(gatesFile)})";

    public int? RollbackTime(SimulatedRelease release) => Decide(release) is { Action: ReleaseAction.Rollback } result
        ? (int)Math.Round((result.FinishedAt - Start).TotalSeconds)
        : null;

    /// <summary>The analysis of one release, as the product runs it.</summary>
    public AnalysisResult Decide(SimulatedRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var source = new SimulatedPrometheus(release, Start);
        var context = ReleaseContext.Of(SimulatedPrometheus.Service, "candidate", "baseline", window: _gates.Window);
        return new Verifier(source, new VirtualClock(Start)).VerifyAsync(_gates.Gates, context, _gates.Policy).GetAwaiter().GetResult();
    }
}
