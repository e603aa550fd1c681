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

    public sealed record Promoted(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release, string ApprovedBy)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The previous release serves again (<see cref="Release"/> is what serves now).</summary>
    public sealed record RolledBack(string Service, string Environment, DateTimeOffset Time, ReleaseInfo Release, string Reason)
        : ReleaseEvent(Service, Environment, Time);

    /// <summary>The release serves, unpromoted, until a release manager runs Promote or Rollback.</summary>
    public sealed record Paused(string Service, string Environment, DateTimeOffset Time, string Version, string Reason)
        : ReleaseEvent(Service, Environment, Time);
}
