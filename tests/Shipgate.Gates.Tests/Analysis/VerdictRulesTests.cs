using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Analysis;

public class VerdictRulesTests
{
    private static GateResult Gate(string name, GateStatus status, bool dryRun = false) =>
        new(name, "threshold", new GateDecision(status, $"{name} said so"), dryRun, Critical: false, [], ThresholdBand.None);

    [Fact]
    public void All_deciding_gates_pass_gives_pass() =>
        Assert.Equal(Verdict.Pass, VerdictRules.Decide([Gate("a", GateStatus.Pass), Gate("b", GateStatus.Pass)]).Verdict);

    [Fact]
    public void Any_failed_gate_fails_the_analysis_and_is_named()
    {
        var (verdict, reasons) = VerdictRules.Decide([Gate("a", GateStatus.Pass), Gate("b", GateStatus.Fail), Gate("c", GateStatus.Inconclusive)]);
        Assert.Equal(Verdict.Fail, verdict);
        Assert.Equal(["b: Fail: b said so"], reasons);
    }

    [Theory]
    [InlineData(GateStatus.Inconclusive)]
    [InlineData(GateStatus.Error)]
    [InlineData(GateStatus.Cancelled)]
    [InlineData(GateStatus.Running)]
    public void Any_undecided_gate_without_a_failure_is_inconclusive(GateStatus status) =>
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Decide([Gate("a", GateStatus.Pass), Gate("b", status)]).Verdict);

    [Fact]
    public void A_failing_dry_run_gate_does_not_decide() =>
        Assert.Equal(Verdict.Pass, VerdictRules.Decide([Gate("a", GateStatus.Pass), Gate("dry", GateStatus.Fail, dryRun: true)]).Verdict);

    [Fact]
    public void Only_dry_run_gates_is_inconclusive_not_pass() =>
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Decide([Gate("dry", GateStatus.Pass, dryRun: true)]).Verdict);

    [Fact]
    public void No_gates_is_inconclusive_not_pass() =>
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Decide([]).Verdict);

    [Theory]
    [InlineData(Verdict.Pass, InconclusivePolicy.Rollback, ReleaseAction.Promote)]
    [InlineData(Verdict.Fail, InconclusivePolicy.Pause, ReleaseAction.Rollback)]
    [InlineData(Verdict.Inconclusive, InconclusivePolicy.Rollback, ReleaseAction.Rollback)]
    [InlineData(Verdict.Inconclusive, InconclusivePolicy.Pause, ReleaseAction.Pause)]
    public void The_inconclusive_policy_only_changes_what_inconclusive_means(Verdict verdict, InconclusivePolicy policy, ReleaseAction expected) =>
        Assert.Equal(expected, VerdictRules.ActionFor(verdict, policy));
}
