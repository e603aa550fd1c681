using Shipgate.Gates.Model;

namespace Shipgate.Cli.Tests;

public class ExitCodesTests
{
    private static AnalysisResult Result(Verdict verdict, params GateStatus[] statuses) => new(
        verdict, [], InconclusivePolicy.Rollback, ReleaseAction.Rollback, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        statuses.Select((s, i) => new GateResult($"g{i}", "threshold", new GateDecision(s, "r"), false, false, [], ThresholdBand.None)).ToList());

    [Fact]
    public void Each_verdict_has_its_code_and_a_backend_in_error_is_4_not_inconclusive()
    {
        Assert.Equal(ExitCodes.Pass, ExitCodes.For(Result(Verdict.Pass, GateStatus.Pass)));
        Assert.Equal(ExitCodes.Fail, ExitCodes.For(Result(Verdict.Fail, GateStatus.Fail, GateStatus.Error)));
        Assert.Equal(ExitCodes.Inconclusive, ExitCodes.For(Result(Verdict.Inconclusive, GateStatus.Inconclusive)));
        Assert.Equal(ExitCodes.BackendUnavailable, ExitCodes.For(Result(Verdict.Inconclusive, GateStatus.Pass, GateStatus.Error)));
    }
}
