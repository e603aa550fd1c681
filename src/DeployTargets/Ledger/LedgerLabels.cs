using System.Globalization;
using Shipgate.DeployTargets.Locking;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>The ledger's label keys and the pure conversion between a record and labels.</summary>
public static class LedgerLabels
{
    public const string Prefix = "io.shipgate.";
    public const string ReleaseId = Prefix + "release-id";
    public const string Service = Prefix + "service";
    public const string Environment = Prefix + "environment";
    public const string Version = Prefix + "version";
    public const string Image = Prefix + "image";
    public const string Commit = Prefix + "commit";
    public const string DeployedBy = Prefix + "deployed-by";
    public const string ApprovedBy = Prefix + "approved-by";
    public const string Phase = Prefix + "phase";
    public const string Verdict = Prefix + "verdict";
    public const string Reason = Prefix + "reason";
    public const string PreviousReleaseId = Prefix + "previous-release-id";
    public const string DeployedAt = Prefix + "deployed-at";
    public const string UpdatedAt = Prefix + "updated-at";
    public const string Revision = Prefix + "revision";
    public const string Platform = Prefix + "platform";
    public const string Strategy = Prefix + "strategy";
    public const string RouterStep = Prefix + "router-step";
    public const string CanaryStep = Prefix + "canary-step";
    public const string CanaryWeight = Prefix + "canary-weight";
    public const string CanaryAnalyses = Prefix + "canary-analyses";
    public const string CanaryApprovals = Prefix + "canary-approvals";

    /// <summary>On a release container behind a router: the port it listens on (its own, not the service's).</summary>
    public const string Port = Prefix + "port";
    public const string VerifierHost = Prefix + "verifier.host";
    public const string VerifierPid = Prefix + "verifier.pid";
    public const string VerifierProcessStart = Prefix + "verifier.process-start";

    /// <summary>Marks what kind of engine object carries the labels: a ledger entry, a release container, a lock.</summary>
    public const string Kind = Prefix + "kind";

    /// <summary>Labels that identify a release on its container or service (immutable facts only).</summary>
    public static Dictionary<string, string> Identity(ReleaseRecord r, string kind)
    {
        var labels = new Dictionary<string, string>
        {
            [Kind] = kind,
            [ReleaseId] = r.ReleaseId,
            [Service] = r.Service,
            [Environment] = r.Environment,
            [Version] = r.Version,
            [Image] = r.Image,
            [Commit] = r.Commit,
            [DeployedBy] = r.DeployedBy,
            [PreviousReleaseId] = r.PreviousReleaseId ?? "",
            [DeployedAt] = r.DeployedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (r.Platform is { } platform) labels[Platform] = PlatformName(platform);
        if (r.Strategy is { } strategy) labels[Strategy] = strategy.Name();
        return labels;
    }

    /// <summary>The platform as the ledger writes it: docker, swarm.</summary>
    public static string PlatformName(DeployPlatform platform) => platform.ToString().ToLowerInvariant();

    /// <summary>The platform a label names; null when absent or unknown.</summary>
    public static DeployPlatform? ParsePlatform(string? value) =>
        Enum.TryParse<DeployPlatform>(value, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;

    public static Dictionary<string, string> ToLabels(ReleaseRecord r, string kind)
    {
        var labels = Identity(r, kind);
        labels[Phase] = r.Phase.ToString();
        labels[UpdatedAt] = r.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
        labels[Revision] = r.Revision.ToString(CultureInfo.InvariantCulture);
        if (r.ApprovedBy is not null) labels[ApprovedBy] = r.ApprovedBy;
        if (r.Verdict is not null) labels[Verdict] = r.Verdict;
        if (r.Reason is not null) labels[Reason] = Truncate(r.Reason);
        if (r.RouterStep is { } step) labels[RouterStep] = step.ToString();
        if (r.CanaryStep is { } canaryStep) labels[CanaryStep] = canaryStep.ToString(CultureInfo.InvariantCulture);
        if (r.CanaryWeight is { } canaryWeight) labels[CanaryWeight] = canaryWeight.ToString(CultureInfo.InvariantCulture);
        if (r.CanaryAnalyses is not null) labels[CanaryAnalyses] = Truncate(r.CanaryAnalyses);
        if (r.CanaryApprovals is not null) labels[CanaryApprovals] = Truncate(r.CanaryApprovals);
        if (r.Verifier is { } verifier)
        {
            labels[VerifierHost] = verifier.Host;
            labels[VerifierPid] = verifier.Pid.ToString(CultureInfo.InvariantCulture);
            labels[VerifierProcessStart] = verifier.ProcessStart;
        }
        return labels;
    }

    /// <summary>Reads a full record back; null with a reason when a required label is missing or malformed.</summary>
    public static ReleaseRecord? TryParse(IDictionary<string, string>? labels, out string? problem)
    {
        problem = null;
        if (labels is null)
        {
            problem = "no labels";
            return null;
        }
        string? Get(string key) => labels.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var missing = new[] { ReleaseId, Service, Environment, Version, Image, Commit, DeployedBy, Phase, DeployedAt, UpdatedAt }
            .Where(k => Get(k) is null).ToList();
        if (missing.Count > 0)
        {
            problem = "missing " + string.Join(", ", missing);
            return null;
        }
        if (!Enum.TryParse<ReleasePhase>(Get(Phase), out var phase)
            || !DateTimeOffset.TryParse(Get(DeployedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var deployedAt)
            || !DateTimeOffset.TryParse(Get(UpdatedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var updatedAt))
        {
            problem = $"malformed {Phase}, {DeployedAt} or {UpdatedAt}";
            return null;
        }
        _ = int.TryParse(Get(Revision), CultureInfo.InvariantCulture, out var revision);
        return new ReleaseRecord
        {
            ReleaseId = Get(ReleaseId)!,
            Service = Get(Service)!,
            Environment = Get(Environment)!,
            Version = Get(Version)!,
            Image = Get(Image)!,
            Commit = Get(Commit)!,
            DeployedBy = Get(DeployedBy)!,
            ApprovedBy = Get(ApprovedBy),
            Phase = phase,
            Verdict = Get(Verdict),
            Reason = Get(Reason),
            PreviousReleaseId = Get(PreviousReleaseId),
            DeployedAt = deployedAt,
            UpdatedAt = updatedAt,
            Revision = revision,
            Platform = ParsePlatform(Get(Platform)),
            Strategy = ReleaseStrategies.Parse(Get(Strategy)),
            RouterStep = Enum.TryParse<Ledger.RouterStep>(Get(RouterStep), out var step) && Enum.IsDefined(step) ? step : null,
            CanaryStep = int.TryParse(Get(CanaryStep), CultureInfo.InvariantCulture, out var canaryStep) ? canaryStep : null,
            CanaryWeight = double.TryParse(Get(CanaryWeight), CultureInfo.InvariantCulture, out var canaryWeight) ? canaryWeight : null,
            CanaryAnalyses = Get(CanaryAnalyses),
            CanaryApprovals = Get(CanaryApprovals),
            Verifier = Get(VerifierHost) is { } host && int.TryParse(Get(VerifierPid), CultureInfo.InvariantCulture, out var pid)
                ? new ProcessIdentity(host, pid, Get(VerifierProcessStart) ?? "")
                : null,
        };
    }

    // Labels travel in every list call; keep a long log excerpt from bloating them.
    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000] + "…";
}

/// <summary>Label lookups on the engine's IDictionary labels (which may be null).</summary>
internal static class LabelLookup
{
    public static string? Label(this IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var v) ? v : null;
}
