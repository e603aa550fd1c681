using System.Globalization;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>Pure: how a canary held until a release manager approves is named, and the refusal of what it blocks.</summary>
internal static class CanaryHold
{
    /// <summary>"step 3 (10%)": where the canary waits.</summary>
    public static string Where(ReleaseRecord held) =>
        string.Create(CultureInfo.InvariantCulture, $"step {held.CanaryStep ?? 0} ({held.CanaryWeight ?? 0:0.##}%)");

    /// <summary>Another deploy, a promote or a verification would act over a canary that waits for a person: refused, naming the way out.</summary>
    public static DeployTargetException Blocks(string action, ReleaseRecord held, string service) => new(DeployErrorKind.WrongPhase,
        $"Cannot {action} on {service}: the canary {held.ReleaseId} ({held.Version}) is held at {Where(held)} awaiting approval. " +
        "Resume it with an approval (ResumeCanary) or roll it back first.");

    /// <summary>The ledger's entry of one approval: "step N at W%: who".</summary>
    public static string Approval(ReleaseRecord held, string approvedBy) =>
        string.Create(CultureInfo.InvariantCulture, $"step {held.CanaryStep ?? 0} at {held.CanaryWeight ?? 0:0.##}%: {approvedBy}");
}
