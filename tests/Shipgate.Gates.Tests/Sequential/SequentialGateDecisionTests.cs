using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Tests.Analysis;
using Shipgate.Gates.Verification;

namespace Shipgate.Gates.Tests.Sequential;

public class SequentialGateDecisionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>P pass, F fail, U undecided (a ratio, no boundary crossed), N no usable data, E backend error.</summary>
    private static List<Measurement> Of(string phases) =>
        phases.Select((c, i) => new Measurement("g", Start.AddSeconds(i), c switch
        {
            'P' => MeasurementPhase.Pass,
            'F' => MeasurementPhase.Fail,
            'U' or 'N' => MeasurementPhase.Inconclusive,
            'E' => MeasurementPhase.Error,
            _ => throw new ArgumentException($"unknown letter {c}", nameof(phases)),
        }, c switch { 'N' => null, 'E' => null, _ => 1.5 }, 1000, ["q"], $"reason {i}")).ToList();

    private static GateStatus Decide(string phases, int planned = 5, int inconclusiveLimit = 0) =>
        GateDecider.DecideSequential(Of(phases), GateLimits.Default with { InconclusiveLimit = inconclusiveLimit }, planned).Status;

    [Theory]
    [InlineData("UUP", GateStatus.Pass)]
    [InlineData("UF", GateStatus.Fail)]
    [InlineData("UUU", GateStatus.Running)]
    public void The_first_crossing_decides_before_the_planned_measurements_are_taken(string phases, GateStatus expected) =>
        Assert.Equal(expected, Decide(phases));

    [Fact]
    public void Undecided_after_every_planned_measurement_is_inconclusive_never_a_pass() =>
        Assert.Equal(GateStatus.Inconclusive, Decide("UUUUU"));

    [Fact]
    public void Undecided_measurements_do_not_count_against_the_inconclusive_limit_but_missing_data_does()
    {
        Assert.Equal(GateStatus.Running, Decide("UUUU", inconclusiveLimit: 0));
        Assert.Equal(GateStatus.Inconclusive, Decide("UN", inconclusiveLimit: 0));
        Assert.Equal(GateStatus.Pass, Decide("NUP", inconclusiveLimit: 1));
    }

    [Fact]
    public void A_baseline_that_never_had_enough_observations_is_not_applicable_at_the_end_and_never_a_pass()
    {
        var short_ = Of("UUU").Select(m => m with { Reason = $"too few requests yet ({SequentialGate.BaselineTooSmall})" }).ToList();
        Assert.Equal(GateStatus.Running, GateDecider.DecideSequential(short_.Take(2).ToList(), GateLimits.Default, 3).Status);
        Assert.Equal(GateStatus.NotApplicable, GateDecider.DecideSequential(short_, GateLimits.Default, 3).Status);
    }

    [Fact]
    public void A_gate_left_not_applicable_by_a_thin_baseline_is_named_in_a_warning_with_the_baseline_version()
    {
        GateResult Result(string gate, GateStatus status, string reason) =>
            new(gate, "sequentialErrorRate", new GateDecision(status, reason), false, true, [], ThresholdBand.None);
        var release = ReleaseContext.Of("svc", "v3", "v2");
        var result = new AnalysisResult(Verdict.Pass, [], InconclusivePolicy.Rollback, ReleaseAction.Promote, Start, Start, [
            Result("errors-vs-baseline", GateStatus.NotApplicable, $"not compared: {SequentialGate.BaselineTooSmall}"),
            Result("latency", GateStatus.Pass, "p95 0.1 s"),
            Result("first-release-only", GateStatus.NotApplicable, "this release has none"),
        ]);

        var warning = Verifier.ThinBaselineWarning(result, release);

        Assert.Equal("the baseline v2 had too few observations to compare with: errors-vs-baseline not compared; the candidate's own gates decided", warning);
        Assert.Null(Verifier.ThinBaselineWarning(result with { Gates = result.Gates.Skip(1).ToList() }, release));
    }

    [Fact]
    public void A_backend_error_at_the_end_is_an_error() =>
        Assert.Equal(GateStatus.Error, Decide("UUUUE"));

    [Fact]
    public async Task The_runner_stops_a_sequential_gate_at_its_first_crossing_and_grows_its_window_from_the_start()
    {
        var observer = new PhaseObserver("UUP");
        var gate = new ScriptedSequentialGate("seq") { Schedule = new GateSchedule(TimeSpan.FromSeconds(2), Count: 10, InitialDelay: TimeSpan.FromSeconds(3)) };
        var result = await new AnalysisRunner(observer, new FakeClock(Start)).RunAsync([gate], InconclusivePolicy.Rollback);

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(3, result.Gates[0].Measurements.Count);
        Assert.Equal(Start.AddSeconds(7), result.FinishedAt);
        Assert.All(observer.Since, since => Assert.Equal(Start, since));
        Assert.Equal([33.0, 35, 37], observer.Windows.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task A_sequential_gate_that_never_decides_makes_the_verdict_inconclusive()
    {
        var gate = new ScriptedSequentialGate("seq") { Schedule = new GateSchedule(TimeSpan.FromSeconds(1), Count: 3) };
        var result = await new AnalysisRunner(new PhaseObserver("U"), new FakeClock(Start)).RunAsync([gate], InconclusivePolicy.Rollback);
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal(ReleaseAction.Rollback, result.Action);
    }

    [Fact]
    public void The_release_budget_is_split_over_the_deciding_sequential_gates()
    {
        IReadOnlyList<GateSpec> gates =
        [
            Gate.SequentialErrorRate("e", "m"), Gate.SequentialLatency("l", "m", 0.95), Gate.SequentialDrift("d", "m") with { DryRun = true },
            Gate.ErrorRate("absolute", "m", 0.05),
        ];
        var budgeted = SequentialGate.ApplyBudget(gates, 0.01, 0.02);
        Assert.Equal([0.005, 0.005, 0.005], budgeted.OfType<SequentialGate>().Select(g => g.Options.FalseRollbackRate));
        Assert.All(budgeted.OfType<SequentialGate>(), g => Assert.Equal(0.02, g.Options.MissedRegressionRate));
        Assert.Same(gates[3], budgeted[3]);
    }

    private sealed record ScriptedSequentialGate(string GateName) : SequentialGate(GateName)
    {
        public override string Kind => "scriptedSequential";

        public override IReadOnlyList<string> QueryTemplates => ["q"];
    }

    /// <summary>Answers with the scripted phases in turn (the last one repeats) and records what the gate asked for.</summary>
    private sealed class PhaseObserver(string phases) : IGateObserver
    {
        private int _taken;

        public List<DateTimeOffset?> Since { get; } = [];

        public List<TimeSpan> Windows { get; } = [];

        public Task<Observation> ObserveAsync(GateSpec gate, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var sequential = (SequentialGate)gate;
            Since.Add(sequential.Since);
            Windows.Add(sequential.WindowAt(at, TimeSpan.FromSeconds(30)));
            var phase = phases[Math.Min(_taken++, phases.Length - 1)];
            bool? passed = phase switch { 'P' => true, 'F' => false, _ => null };
            return Task.FromResult(new Observation(["q"], 1.0, 1000, new TestCriterion(passed, $"scripted {phase}")));
        }
    }
}
