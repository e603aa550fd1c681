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
        var context = ReleaseContext.Of(SimulatedPrometheus.Service, "candidate", "baseline", window: _gates.Window);
        return Verify(new SimulatedPrometheus(release, Start), context);
    }

    /// <summary>
    /// A canary analysis as the product runs it, with either baseline: the previous version read at the switch (the
    /// release's baseline time, as the release runner gives it today), or the concurrent baseline's own label read
    /// at each measurement's instant (no baseline time: it serves beside the canary, and its scrapes are checked too).
    /// </summary>
    public AnalysisResult Decide(CanaryRelease release, BaselineKind baseline)
    {
        ArgumentNullException.ThrowIfNull(release);
        var context = baseline == BaselineKind.Concurrent
            ? ReleaseContext.Of(SimulatedPrometheus.Service, CanaryRelease.CanaryLabel, CanaryRelease.BaselineLabel, window: _gates.Window)
            : ReleaseContext.Of(SimulatedPrometheus.Service, CanaryRelease.CanaryLabel, CanaryRelease.StableLabel, window: _gates.Window, baselineTime: Start);
        return Verify(new SimulatedPrometheus(release.Versions, Start), context);
    }

    private AnalysisResult Verify(SimulatedPrometheus source, ReleaseContext context) =>
        new Verifier(source, new VirtualClock(Start)).VerifyAsync(_gates.Gates, context, _gates.Policy).GetAwaiter().GetResult();
}
