using Shipgate.DeployTargets.DockerHost;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class HealthJudgeTests
{
    private static readonly HealthBaseline Started = new(0, "t1");

    private static HealthObservation Serving(string? probe = "", ListenerOwner listener = ListenerOwner.Container) =>
        new(Running: true, Restarting: false, RestartCount: 0, StartedAt: "t1", ExitCode: 0, Error: null,
            Healthcheck: null, FailingStreak: 0, Probe: probe, Listener: listener, ListenerDetail: "127.0.0.1:8080 is held by pid 77 (python3)");

    private static HealthState Judge(HealthObservation seen, HealthBaseline? baseline = null, double seconds = 1) =>
        HealthJudge.Judge(seen, baseline ?? Started, TimeSpan.FromSeconds(seconds)).State;

    [Fact]
    public void A_running_container_whose_own_socket_answers_2xx_is_healthy() =>
        Assert.Equal(HealthState.Healthy, Judge(Serving()));

    [Fact]
    public void A_2xx_from_a_foreign_process_on_the_port_is_never_health_and_says_who_holds_it()
    {
        var judgement = HealthJudge.Judge(Serving(listener: ListenerOwner.Foreign), Started, TimeSpan.FromSeconds(30));
        Assert.Equal(HealthState.Waiting, judgement.State);
        Assert.Equal("not the release answering: 127.0.0.1:8080 is held by pid 77 (python3), not by the container", judgement.Why);
    }

    [Fact]
    public void Where_the_listener_cannot_be_checked_the_answer_alone_decides() =>
        Assert.Equal(HealthState.Healthy, Judge(Serving(listener: ListenerOwner.NotChecked)));

    [Theory]
    [InlineData(1, "t1")]
    [InlineData(0, "t2")]
    public void A_container_that_restarted_during_the_wait_is_unhealthy_even_if_it_answers(long restarts, string startedAt)
    {
        var judgement = HealthJudge.Judge(Serving() with { RestartCount = restarts, StartedAt = startedAt }, Started, TimeSpan.FromSeconds(1));
        Assert.Equal(HealthState.Unhealthy, judgement.State);
        Assert.StartsWith("crash loop: restarted 1 time(s) during the health wait", judgement.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Restarts_before_the_wait_of_a_restored_container_do_not_count() =>
        Assert.Equal(HealthState.Healthy, Judge(Serving() with { RestartCount = 3 }, new HealthBaseline(3, "t1")));

    [Fact]
    public void An_exited_container_is_unhealthy_with_its_exit_code() =>
        Assert.Equal("exited with code 3: oom", HealthJudge.Judge(Serving() with { Running = false, ExitCode = 3, Error = "oom" }, Started, TimeSpan.Zero).Why);

    [Theory]
    [InlineData("starting", HealthState.Waiting)]
    [InlineData("healthy", HealthState.Healthy)]
    [InlineData("unhealthy", HealthState.Unhealthy)]
    public void Without_a_health_url_the_image_healthcheck_decides(string status, HealthState expected) =>
        Assert.Equal(expected, Judge(Serving(probe: null) with { Healthcheck = status }));

    [Theory]
    [InlineData(1, ListenerOwner.Container, HealthState.Waiting)]
    [InlineData(2, ListenerOwner.Container, HealthState.Healthy)]
    [InlineData(5, ListenerOwner.Nobody, HealthState.Waiting)]
    public void With_neither_a_quiet_period_of_running_and_listening_is_health(double seconds, ListenerOwner listener, HealthState expected) =>
        Assert.Equal(expected, Judge(Serving(probe: null, listener), seconds: seconds));

    [Fact]
    public void A_failing_health_url_keeps_waiting_with_its_answer()
    {
        var judgement = HealthJudge.Judge(Serving(probe: "http://127.0.0.1:8080/health answered 404"), Started, TimeSpan.FromSeconds(1));
        Assert.Equal((HealthState.Waiting, "http://127.0.0.1:8080/health answered 404"), (judgement.State, judgement.Why));
    }
}
