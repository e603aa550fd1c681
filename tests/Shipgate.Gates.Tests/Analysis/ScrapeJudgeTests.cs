using Shipgate.Gates.Analysis;
using Shipgate.Gates.Providers;

namespace Shipgate.Gates.Tests.Analysis;

/// <summary>Whether a version's data can be trusted at a measurement, from its up samples: the rule behind "a stale version is no data".</summary>
public class ScrapeJudgeTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch.AddHours(1);

    /// <summary>An instance's up samples every second from <paramref name="from"/> to <paramref name="to"/> seconds before <see cref="At"/>.</summary>
    private static Series Instance(string name, int from, int to, double lastValue = 1) =>
        new(new Dictionary<string, string> { ["instance"] = name },
            Enumerable.Range(0, from - to + 1).Select(i => new Sample(At.AddSeconds(-from + i), i == from - to ? lastValue : 1)).ToList());

    private static ScrapeState Judge(params Series[] series) =>
        ScrapeJudge.Judge(new QueryResult(QueryResultType.Matrix, series), "version 2", At, TimeSpan.FromMinutes(1));

    [Fact]
    public void Instances_scraped_every_second_up_to_now_are_trusted_and_cover_a_window_they_span()
    {
        var state = Judge(Instance("a:1", 59, 0), Instance("b:1", 58, 1));
        Assert.Null(state.Problem);
        Assert.Equal((TimeSpan.FromSeconds(1), 2), (state.Interval, state.Instances));
        Assert.True(state.Covers(At, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_version_without_up_samples_was_never_scraped_or_is_no_longer()
    {
        var state = Judge();
        Assert.Contains("version 2 has no scrape in the last 60s", state.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_whose_newest_sample_is_older_than_the_interval_allows_is_no_longer_scraped()
    {
        // Its samples are still inside every increase() window: without this rule its gates keep passing on the past.
        var state = Judge(Instance("a:1", 59, 0), Instance("gone:1", 59, 20));
        Assert.Contains("instance gone:1 was last scraped 20s ago (scrape interval 1s): it is no longer scraped", state.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_instance_makes_the_version_untrustworthy()
    {
        var state = Judge(Instance("a:1", 59, 0, lastValue: 0));
        Assert.Contains("instance a:1 is down (up = 0)", state.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_scraped_for_less_than_the_window_does_not_cover_it()
    {
        var state = Judge(Instance("a:1", 5, 0));
        Assert.Null(state.Problem);
        Assert.False(state.Covers(At, TimeSpan.FromSeconds(30)));
        Assert.True(state.Covers(At, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void An_instance_that_went_down_and_came_back_inside_the_window_is_evidence_of_a_restart()
    {
        var samples = Enumerable.Range(0, 60).Select(i => new Sample(At.AddSeconds(-59 + i), i is 50 or 51 ? 0 : 1)).ToList();
        var restarted = new Series(new Dictionary<string, string> { ["instance"] = "a:1" }, samples);

        var state = ScrapeJudge.Judge(new QueryResult(QueryResultType.Matrix, [restarted]), "version 2", At, TimeSpan.FromMinutes(1), window: TimeSpan.FromSeconds(30));
        Assert.Contains("instance a:1 was down 2 time(s) in the last 30s after it had been up", state.Problem, StringComparison.Ordinal);

        var longAgo = ScrapeJudge.Judge(new QueryResult(QueryResultType.Matrix, [restarted]), "version 2", At, TimeSpan.FromMinutes(1), window: TimeSpan.FromSeconds(5));
        Assert.Null(longAgo.Problem);
    }

    [Fact]
    public void Failed_scrapes_before_an_instance_first_came_up_are_its_start_not_a_crash()
    {
        var samples = Enumerable.Range(0, 20).Select(i => new Sample(At.AddSeconds(-19 + i), i < 2 ? 0 : 1)).ToList();
        var starting = new Series(new Dictionary<string, string> { ["instance"] = "a:1" }, samples);

        Assert.Null(ScrapeJudge.Judge(new QueryResult(QueryResultType.Matrix, [starting]), "version 2", At, TimeSpan.FromMinutes(1), window: TimeSpan.FromSeconds(30)).Problem);
    }
}
