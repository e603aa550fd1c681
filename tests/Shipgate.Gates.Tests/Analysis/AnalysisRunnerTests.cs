using Shipgate.Gates.Analysis;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Tests.Analysis;

public class AnalysisRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ScriptedObserver _observer = new();
    private readonly FakeClock _clock = new(Start);

    private Task<AnalysisResult> Run(InconclusivePolicy policy, params ScriptedGate[] gates) =>
        new AnalysisRunner(_observer, _clock).RunAsync(gates, policy);

    private static GateSchedule Every(int seconds, int count, int initialDelay = 0) =>
        new(TimeSpan.FromSeconds(seconds), count, InitialDelay: TimeSpan.FromSeconds(initialDelay));

    [Fact]
    public async Task Measures_after_the_initial_delay_then_every_interval_count_times()
    {
        var result = await Run(InconclusivePolicy.Rollback, new ScriptedGate("a", 0.5) { Schedule = Every(10, 3, initialDelay: 30) });

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(ReleaseAction.Promote, result.Action);
        Assert.Equal([30.0, 40.0, 50.0], result.Gates[0].Measurements.Select(m => (m.Time - Start).TotalSeconds));
        Assert.Equal(Start.AddSeconds(50), result.FinishedAt);
    }

    [Fact]
    public async Task A_duration_measures_at_both_ends()
    {
        var gate = new ScriptedGate("a", 0.5) { Schedule = new GateSchedule(TimeSpan.FromSeconds(10), Duration: TimeSpan.FromSeconds(60)) };
        var result = await Run(InconclusivePolicy.Rollback, gate);
        Assert.Equal(7, result.Gates[0].Measurements.Count);
    }

    [Fact]
    public async Task Gates_with_different_intervals_are_measured_on_their_own_schedules()
    {
        var result = await Run(InconclusivePolicy.Rollback,
            new ScriptedGate("fast", 0.5) { Schedule = Every(1, 4) },
            new ScriptedGate("slow", 0.5) { Schedule = Every(3, 2) });
        Assert.Equal([0.0, 1, 2, 3], result.Gates[0].Measurements.Select(m => (m.Time - Start).TotalSeconds));
        Assert.Equal([0.0, 3], result.Gates[1].Measurements.Select(m => (m.Time - Start).TotalSeconds));
    }

    [Fact]
    public async Task A_failed_gate_stops_measuring_but_the_others_finish()
    {
        var result = await Run(InconclusivePolicy.Rollback,
            new ScriptedGate("bad", 0.5, 2.0) { Schedule = Every(1, 5) },
            new ScriptedGate("good", 0.5) { Schedule = Every(1, 5) });

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(2, result.Gates[0].Measurements.Count);
        Assert.Equal(GateStatus.Pass, result.Gates[1].Decision.Status);
        Assert.Equal(5, result.Gates[1].Measurements.Count);
    }

    [Fact]
    public async Task A_critical_failure_ends_the_analysis_at_once()
    {
        var result = await Run(InconclusivePolicy.Rollback,
            new ScriptedGate("critical", 0.5, 2.0) { Schedule = Every(1, 5), Critical = true },
            new ScriptedGate("other", 0.5) { Schedule = Every(1, 5) });

        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(GateStatus.Cancelled, result.Gates[1].Decision.Status);
        Assert.Equal(2, result.Gates[1].Measurements.Count);
        Assert.Equal(Start.AddSeconds(1), result.FinishedAt);
        Assert.Contains("critical", result.Gates[1].Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_critical_dry_run_gate_does_not_end_the_analysis()
    {
        var result = await Run(InconclusivePolicy.Rollback,
            new ScriptedGate("dry", 2.0) { Schedule = Every(1, 3), Critical = true, DryRun = true },
            new ScriptedGate("other", 0.5) { Schedule = Every(1, 3) });

        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(GateStatus.Fail, result.Gates[0].Decision.Status);
        Assert.Equal(3, result.Gates[1].Measurements.Count);
    }

    [Fact]
    public async Task Missing_data_is_inconclusive_and_the_policy_decides_the_action()
    {
        var rollback = await Run(InconclusivePolicy.Rollback, new ScriptedGate("empty", [null]) { Schedule = Every(1, 3) });
        var pause = await new AnalysisRunner(new ScriptedObserver(), new FakeClock(Start))
            .RunAsync([new ScriptedGate("empty", [null]) { Schedule = Every(1, 3) }], InconclusivePolicy.Pause);

        Assert.Equal((Verdict.Inconclusive, ReleaseAction.Rollback), (rollback.Verdict, rollback.Action));
        Assert.Equal((Verdict.Inconclusive, ReleaseAction.Pause), (pause.Verdict, pause.Action));
    }

    [Fact]
    public async Task A_backend_that_goes_away_mid_analysis_never_passes()
    {
        var result = await Run(InconclusivePolicy.Rollback, new ScriptedGate("a", 0.5, 0.5, -1) { Schedule = Every(1, 5) });
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
        Assert.Equal(GateStatus.Error, result.Gates[0].Decision.Status);
        Assert.Equal(MeasurementPhase.Error, result.Gates[0].Measurements[^1].Phase);
    }

    [Fact]
    public async Task An_observer_that_throws_is_recorded_as_a_backend_error()
    {
        var result = await Run(InconclusivePolicy.Rollback, new ScriptedGate("a", -2) { Schedule = Every(1, 1) });
        var m = Assert.Single(result.Gates[0].Measurements);
        Assert.Equal(MeasurementPhase.Error, m.Phase);
        Assert.Contains("observer crashed", m.Reason, StringComparison.Ordinal);
        Assert.NotEqual(Verdict.Pass, result.Verdict);
    }

    [Fact]
    public async Task Progress_is_reported_after_each_measurement()
    {
        var runner = new AnalysisRunner(_observer, _clock);
        var seen = new List<(string, GateStatus)>();
        runner.Measured += (m, d) => seen.Add((m.Gate, d.Status));
        await runner.RunAsync([new ScriptedGate("a", 0.5) { Schedule = Every(1, 2) }], InconclusivePolicy.Rollback);
        Assert.Equal([("a", GateStatus.Running), ("a", GateStatus.Pass)], seen);
    }
}
