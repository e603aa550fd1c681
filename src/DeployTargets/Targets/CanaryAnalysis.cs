using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// The analysis of a canary step, supplied by the caller (the release runs its gates; the deploy target knows no
/// metrics). It must not throw for a failed analysis: it returns a verdict that did not pass.
/// </summary>
public delegate Task<CanaryVerdict> CanaryAnalysis(CanaryAnalysisContext context, CancellationToken cancellationToken);

/// <summary>
/// What a step's analysis judges: the canary (Deploying, on its own port) at <see cref="Percent"/> of the traffic while
/// <see cref="Stable"/> serves the rest at the same time (null when nothing served before), and with a concurrent baseline
/// a fresh container of the stable image serves as much as the canary.
/// </summary>
public sealed record CanaryAnalysisContext(ReleaseRecord Canary, ReleaseRecord? Stable, int Step, double Percent)
{
    /// <summary>The port the canary listens on (behind the router).</summary>
    public int? CanaryPort { get; init; }

    /// <summary>The port the stable release listens on (behind the router).</summary>
    public int? StablePort { get; init; }

    /// <summary>
    /// With a concurrent baseline (<see cref="CanaryBaseline.Concurrent"/>): the version label its metrics carry
    /// (<see cref="CanaryBaselines.VersionOf"/>), what the canary is compared with; null: it is compared with <see cref="Stable"/>.
    /// </summary>
    public string? BaselineVersion { get; init; }

    /// <summary>With a concurrent baseline: the port it listens on (behind the router, at the canary's weight).</summary>
    public int? BaselinePort { get; init; }
}

/// <summary>A step's analysis: whether the canary may go on, the verdict as the ledger records it, and why.</summary>
public sealed record CanaryVerdict(bool Passed, string Verdict, string Reason);
