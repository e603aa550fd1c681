using Serilog;
using Shipgate.DeployTargets;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Yaml;
using Shipgate.Release.Artifacts;
using Shipgate.Release.Decisions;
using Shipgate.Release.Events;

namespace Shipgate.Release.Flow;

/// <summary>
/// Carries out a release on a platform, in the order a newcomer reads it: deploy → verify → decide (<see cref="ReleasePolicy"/>)
/// → record the decision in the ledger → act on it → tell the sinks. The caller holds the platform's release lease.
/// </summary>
public sealed class ReleaseRunner(ReleaseSettings settings, IDeployTarget platform, ReleaseEventBus events, string operatorName, ILogger log)
{
    private string Service => settings.Service.Name;

    private string Environment => settings.Environment.Name;

    /// <summary>
    /// Deploys the pushed image by digest and waits for health; a release that never becomes healthy is put back by the
    /// platform. A canary's analysis steps run <paramref name="analyse"/> (<see cref="CanaryGates"/>; null for the other strategies).
    /// </summary>
    public async Task<ReleaseInfo> DeployAsync(ImageManifest image, bool force, bool verifyNext, CancellationToken cancellationToken, CanaryAnalysis? analyse = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var before = await StatusAsync(cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(new ReleaseEvent.Deploying(Service, Environment, DateTimeOffset.UtcNow, image.Version, image.Reference, before.Current?.Version), cancellationToken).ConfigureAwait(false);
        return await ReportAsync(image.Version, image.Commit,
            () => platform.DeployAsync(new DeployRequest(image.Reference, image.Version, image.Commit, operatorName) { Force = force, VerifyNext = verifyNext, Analyse = analyse }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lets the canary held at a pause until approved go on (<paramref name="approvedBy"/>: who approved, and how; the
    /// ledger records it with the step) and runs its next steps as <see cref="DeployAsync"/> would have.
    /// </summary>
    public async Task<ReleaseInfo> ResumeCanaryAsync(string approvedBy, bool verifyNext, CancellationToken cancellationToken, CanaryAnalysis? analyse = null)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var held = status.Current?.Record is { Phase: ReleasePhase.Held } record
            ? record
            : throw new InvalidOperationException($"No canary of {Service} in {Environment} is held awaiting approval ({Describe(status.Current?.Record)}).");
        await events.PublishAsync(new ReleaseEvent.CanaryResuming(Service, Environment, DateTimeOffset.UtcNow, held.Version, approvedBy), cancellationToken).ConfigureAwait(false);
        return await ReportAsync(held.Version, held.Commit,
            () => platform.ResumeCanaryAsync(new ResumeRequest(approvedBy) { ReleaseId = held.ReleaseId, VerifyNext = verifyNext, Analyse = analyse }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a deploy (or a canary's resume) and tells the sinks how it ended: healthy, held at a pause until approved, or failed.</summary>
    private async Task<ReleaseInfo> ReportAsync(string version, string commit, Func<Task<ReleaseInfo>> deploy, CancellationToken cancellationToken)
    {
        ReleaseInfo released;
        try
        {
            released = await deploy().ConfigureAwait(false);
        }
        catch (DeployTargetException exception)
        {
            var after = await platform.StatusAsync(CancellationToken.None).ConfigureAwait(false);
            await events.PublishAsync(new ReleaseEvent.DeployFailed(Service, Environment, DateTimeOffset.UtcNow, version, exception.Message, after.Current?.Version), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await events.PublishAsync(released.Phase == ReleasePhase.Held
            ? new ReleaseEvent.CanaryHeld(Service, Environment, DateTimeOffset.UtcNow, released)
            : new ReleaseEvent.Deployed(Service, Environment, DateTimeOffset.UtcNow, released, commit), cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <summary>
    /// Verifies what serves now, decides, records the decision and acts on it. Acting ignores cancellation: a Ctrl-C
    /// during the analysis is itself an outcome, and the release it leaves must be decided, not abandoned.
    /// </summary>
    public async Task<ReleaseDecision> VerifyAsync(VerificationSession session, GatesDocument gates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(gates);
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var serving = status.Current;
        var current = serving?.Record is { Phase: var phase } record && phase is ReleasePhase.Healthy or ReleasePhase.Verifying or ReleasePhase.Paused
            ? record
            : throw new InvalidOperationException($"Nothing of {Service} in {Environment} waits for verification ({Describe(status.Current?.Record)}): " +
                (status.Current?.Phase == ReleasePhase.Held ? "the canary is held awaiting approval; ResumeCanary runs its next steps, then Verify." : "run Deploy first."));
        var baseline = status.Previous is { Phase: ReleasePhase.Promoted } previous ? previous : null;

        // The baseline is the previous release's own data up to the switch: it served right up to then, so that data
        // exists for as long as the new release is verified (a later re-verification may find it expired: the gates say so).
        var release = ReleaseContext.Of(Service, current.Version, baseline?.Version, Environment, gates.Window, baselineTime: baseline is null ? null : current.DeployedAt);
        log.Information("Verifying {Service} {Version} in {Environment} against {Baseline} with {Gates} ({Count} gates)",
            Service, current.Version, Environment, baseline?.Version ?? "no baseline (baseline gates do not apply)", gates.Source, gates.Gates.Count);

        await platform.BeginVerificationAsync(current.ReleaseId, cancellationToken).ConfigureAwait(false);
        var outcome = await session.RunAsync(gates, release, cancellationToken).ConfigureAwait(false);
        outcome = ServingEvidence.Apply(outcome, serving!, await ServingNowAsync().ConfigureAwait(false));
        var decision = ReleasePolicy.Decide(outcome, settings.Policy ?? gates.Policy);
        log.Information("Decision for {Version}: {Decision}", current.Version, decision);

        var done = await ActAsync(current, outcome, decision).ConfigureAwait(false);
        await events.PublishAsync(new ReleaseEvent.Decided(Service, Environment, DateTimeOffset.UtcNow, current.Version, outcome, decision), CancellationToken.None).ConfigureAwait(false);
        await events.PublishAsync(done, CancellationToken.None).ConfigureAwait(false);
        return decision;
    }

    // Read after the analysis whatever stopped it (a Ctrl-C included): a failed reading is no evidence of health.
    private async Task<ReleaseInfo?> ServingNowAsync()
    {
        try
        {
            return (await platform.StatusAsync(CancellationToken.None).ConfigureAwait(false)).Current;
        }
#pragma warning disable CA1031 // The engine could not say what serves: the release cannot be shown to have served.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            log.Error("Could not read what serves after the verification: {Message}", exception.Message);
            return null;
        }
    }

    /// <summary>
    /// What serves and the ledger; when reading it (or taking the release lease just before) recovered what a dead process
    /// left, the sinks hear of it. Every step reads the status through here first, so a step run on its own under a lease
    /// of its own (a separate Verify, Promote) reports the recovery too.
    /// </summary>
    public async Task<ReleaseStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var status = await platform.StatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.Recovered.Count > 0)
            await events.PublishAsync(new ReleaseEvent.Recovered(Service, Environment, DateTimeOffset.UtcNow, status.Current, status.Recovered), CancellationToken.None).ConfigureAwait(false);
        return status;
    }

    /// <summary>Promotes the serving release by hand (a paused one, or one verified elsewhere).</summary>
    public async Task<ReleaseInfo> PromoteAsync(string approvedBy, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var current = status.Current?.Record ?? throw new InvalidOperationException($"Nothing of {Service} serves in {Environment}.");
        var promoted = await platform.PromoteAsync(new PromoteRequest(approvedBy, current.Verdict ?? "Pass (manual)") { ReleaseId = current.ReleaseId }, cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(new ReleaseEvent.Promoted(Service, Environment, DateTimeOffset.UtcNow, promoted, approvedBy), CancellationToken.None).ConfigureAwait(false);
        return promoted;
    }

    /// <summary>Returns to the previous verified release by hand.</summary>
    public async Task<ReleaseInfo> RollbackAsync(string reason, CancellationToken cancellationToken)
    {
        var restored = await platform.RollbackAsync(new RollbackRequest(reason), cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(new ReleaseEvent.RolledBack(Service, Environment, DateTimeOffset.UtcNow, restored, reason), CancellationToken.None).ConfigureAwait(false);
        return restored;
    }

    private async Task<ReleaseEvent> ActAsync(ReleaseRecord current, VerificationOutcome outcome, ReleaseDecision decision)
    {
        var verdict = (outcome as VerificationOutcome.Analysed)?.Result.Verdict.ToString() ?? outcome.GetType().Name;
        var now = DateTimeOffset.UtcNow;
        switch (decision.Action)
        {
            case ReleaseAction.Promote:
                var promoted = await platform.PromoteAsync(new PromoteRequest($"{operatorName} (gates)", verdict) { ReleaseId = current.ReleaseId }, CancellationToken.None).ConfigureAwait(false);
                return new ReleaseEvent.Promoted(Service, Environment, now, promoted, $"{operatorName} (gates)");
            case ReleaseAction.Pause:
                await platform.PauseAsync(current.ReleaseId, verdict, decision.Reason, CancellationToken.None).ConfigureAwait(false);
                return new ReleaseEvent.Paused(Service, Environment, now, current.Version, decision.Reason);
            default:
                var restored = await platform.RollbackAsync(new RollbackRequest(decision.Reason) { ExpectedReleaseId = current.ReleaseId }, CancellationToken.None).ConfigureAwait(false);
                return new ReleaseEvent.RolledBack(Service, Environment, now, restored, decision.Reason);
        }
    }

    internal static string Describe(ReleaseRecord? record) => record is null
        ? "(none)"
        : $"{record.Version} [{record.Phase}] {record.ReleaseId} {record.Image} deployed {record.DeployedAt:u} by {record.DeployedBy}"
          + (record.ApprovedBy is null ? "" : $", approved by {record.ApprovedBy}")
          + (record.Strategy is { } strategy && strategy != ReleaseStrategy.Direct ? $", {strategy.Name()}" + (record.RouterStep is { } step ? $" ({step.ToString().ToLowerInvariant()})" : "") : "")
          + (record.CanaryStep is null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", canary step {record.CanaryStep} at {record.CanaryWeight:0.##}%"))
          + (record.CanaryAnalyses is null ? "" : $" ({record.CanaryAnalyses})")
          + (record.CanaryApprovals is null ? "" : $", canary approved {record.CanaryApprovals}")
          + (record.Verdict is null ? "" : $", verdict {record.Verdict}")
          + (record.Reason is null ? "" : $" — {record.Reason}");
}
