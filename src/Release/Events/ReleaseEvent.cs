using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Events;

/// <summary>What happened to a release of a service in an environment, in the order it happens.</summary>
public abstract record ReleaseEvent(string Service, string Environment, DateTimeOffset Time)
{
    /// <summary>The switch is about to start: the version will replace what serves now (null: nothing).</summary>
    public sealed record Deploying(string Service, string Environment, DateTimeOffset Time, string Version, string Image, string? Replacing)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The new release serves and is healthy; verification follows.</summary>
    public sealed record Deployed(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release, string Commit)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The new release never became healthy and the platform put the previous one back (null: nothing serves).</summary>
    public sealed record DeployFailed(string Service, string Environment, DateTimeOffset Time, string Version, string Reason, string? Serving)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The verification ended and the policy decided; the decision is already in the ledger.</summary>
    public sealed record Decided(
        string Service, string Environment, DateTimeOffset Time, string Version, VerificationOutcome Outcome, ReleaseDecision Decision)
        : ReleaseEvent(Service, Environment, Time)
    {
        /// <summary>The gates' evidence, when the analysis ran.</summary>
        public AnalysisResult? Analysis => (Outcome as VerificationOutcome.Analysed)?.Result;
    }

    /// <summary>A canary step's analysis begins: the canary (on its own port) has its share and the stable release the rest.</summary>
    public sealed record CanaryAnalysing(string Service, string Environment, DateTimeOffset Time, CanaryAnalysisContext Step)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>A canary step's analysis ended; anything but a promote decision takes the canary out of the traffic.</summary>
    public sealed record CanaryAnalysed(
        string Service, string Environment, DateTimeOffset Time, string Version, int Step, double Percent, VerificationOutcome Outcome, ReleaseDecision Decision)
        : ReleaseEvent(Service, Environment, Time)
    {
        /// <summary>The gates' evidence, when the analysis ran.</summary>
        public AnalysisResult? Analysis => (Outcome as VerificationOutcome.Analysed)?.Result;

        /// <summary>A concurrent baseline's version label, which the canary was compared with (<c>baseline_version</c>); null: the stable release serving beside it.</summary>
        public string? Baseline { get; init; }
    }

    public sealed record Promoted(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release, string ApprovedBy)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The previous release serves again (<see cref="Release"/> is what serves now).</summary>
    public sealed record RolledBack(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release, string Reason)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>
    /// A call found what a dead process left (a release in flight, an abandoned verification) and recovery restored a
    /// known state: <see cref="Serving"/> serves now (null: nothing), after the <see cref="Steps"/> it took.
    /// </summary>
    public sealed record Recovered(string Service, string Environment, DateTimeOffset Time, ReleaseInfo? Serving, IReadOnlyList<string> Steps)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>
    /// The canary stopped at a pause until approved: it keeps its share beside the stable release, the deploy ended, and a
    /// release manager's approval (ResumeCanary) or a rollback ends the hold.
    /// </summary>
    public sealed record CanaryHeld(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>A release manager approved the held canary (who and how): its next steps run.</summary>
    public sealed record CanaryResuming(string Service, string Environment, DateTimeOffset Time, string Version, string ApprovedBy)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The release serves, unpromoted, until a release manager runs Promote or Rollback.</summary>
    public sealed record Paused(string Service, string Environment, DateTimeOffset Time, string Version, string Reason)
        : ReleaseEvent(Service, Environment, Time);
}
