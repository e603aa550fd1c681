namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// One step of a canary release (Argo Rollouts' steps): give the canary a share of the traffic, analyse it at that
/// share, or wait. The steps run in order; the canary takes all the traffic after the last one.
/// </summary>
public abstract record CanaryStep
{
    private CanaryStep()
    {
    }

    /// <summary>The canary gets <see cref="Percent"/> of the traffic (above 0, at most 100), the stable release the rest.</summary>
    public sealed record SetWeight(double Percent) : CanaryStep
    {
        public override string ToString() => $"setWeight {Percent:0.##}%";
    }

    /// <summary>The release's gates judge the canary at its current share; anything but a pass takes it out at once.</summary>
    public sealed record Analysis : CanaryStep
    {
        public override string ToString() => "analysis";
    }

    /// <summary>The canary keeps its share for a while before the next step.</summary>
    public sealed record Pause(TimeSpan Duration) : CanaryStep
    {
        public override string ToString() => $"pause {Duration.TotalSeconds:0.##} s";
    }

    /// <summary>
    /// The canary keeps its share until a release manager approves (Argo's <c>pause: {}</c>): the deploy stops there,
    /// records the release <see cref="Ledger.ReleasePhase.Held"/> and returns; a resume with an approval runs the next steps.
    /// </summary>
    public sealed record PauseUntilApproved : CanaryStep
    {
        public override string ToString() => "pause until approved";
    }
}
