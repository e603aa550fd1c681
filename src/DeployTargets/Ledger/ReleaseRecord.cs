using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>
/// One release in the ledger: what was deployed where, by whom, and what became of it.
/// <see cref="Revision"/> grows with every change, because engine labels are immutable and each change is a new entry.
/// </summary>
public sealed record ReleaseRecord
{
    public required string ReleaseId { get; init; }
    public required string Service { get; init; }
    public required string Environment { get; init; }
    public required string Version { get; init; }

    /// <summary>The image reference by digest (repository@sha256:...).</summary>
    public required string Image { get; init; }
    public required string Commit { get; init; }
    public required string DeployedBy { get; init; }
    public string? ApprovedBy { get; init; }
    public required ReleasePhase Phase { get; init; }

    /// <summary>The gate verdict, as the caller states it (e.g. "Pass", "Fail", "Inconclusive").</summary>
    public string? Verdict { get; init; }

    /// <summary>Why the release is in its phase (e.g. the health failure and last log lines for a rollback).</summary>
    public string? Reason { get; init; }
    public string? PreviousReleaseId { get; init; }
    public required DateTimeOffset DeployedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public int Revision { get; init; }

    /// <summary>Where the release runs (docker or swarm); null in entries written before the ledger recorded it.</summary>
    public DeployPlatform? Platform { get; init; }

    /// <summary>The process verifying the release while it is <see cref="ReleasePhase.Verifying"/>; recovery rolls the release back once it is gone.</summary>
    public ProcessIdentity? Verifier { get; init; }

    /// <summary>How the release moves traffic (<see cref="ReleaseStrategy.Direct"/> without a router); null in entries written before the ledger recorded it.</summary>
    public ReleaseStrategy? Strategy { get; init; }

    /// <summary>Behind a router: the last router step the release reached; null when it has none (yet).</summary>
    public RouterStep? RouterStep { get; init; }

    /// <summary>Canary: the last step reached (counted from 1); null for other strategies or before the first step.</summary>
    public int? CanaryStep { get; init; }

    /// <summary>Canary: its share of the traffic in percent after <see cref="CanaryStep"/>.</summary>
    public double? CanaryWeight { get; init; }

    /// <summary>Canary: each analysis so far, "step N at W%: verdict", separated by "; " (the last one says why a canary stopped).</summary>
    public string? CanaryAnalyses { get; init; }

    /// <summary>
    /// Canary: who let it go on after each pause until approved, "step N at W%: who (method)", separated by "; " (kept
    /// apart from <see cref="ApprovedBy"/>, which the promote writes).
    /// </summary>
    public string? CanaryApprovals { get; init; }

    /// <summary>
    /// The entry a deploy writes before it changes the engine: a new release id, phase <see cref="ReleasePhase.Deploying"/>,
    /// following <paramref name="previous"/> (the release serving now, if any).
    /// </summary>
    public static ReleaseRecord Deploying(string service, string environment, DeployRequest request, ReleaseRecord? previous, DateTimeOffset now,
        DeployPlatform? platform = null) => new()
        {
            ReleaseId = ReleaseIds.New(now),
            Service = service,
            Environment = environment,
            Version = request.Version,
            Image = request.Image,
            Commit = request.Commit,
            DeployedBy = request.DeployedBy,
            Phase = ReleasePhase.Deploying,
            PreviousReleaseId = previous?.ReleaseId,
            DeployedAt = now,
            UpdatedAt = now,
            Platform = platform,
        };

    public string Digest => Image.Contains('@', StringComparison.Ordinal) ? Image[(Image.IndexOf('@', StringComparison.Ordinal) + 1)..] : "";
}
