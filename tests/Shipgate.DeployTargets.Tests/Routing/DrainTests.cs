namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>Removal waits for the requests in flight on a real HAProxy, up to the drain timeout, and says what it cut.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task A_slow_request_in_flight_finishes_before_its_server_is_removed()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.FromMilliseconds(600), ("old", 256), ("new", 0));
        using var http = new HttpClient();
        var slow = http.GetStringAsync(stack.Frontend);
        await stack.WaitUntilAsync(s => s.Find("old")?.CurrentSessions == 1, TimeSpan.FromSeconds(2));

        await stack.Router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { ["new"] = 256, ["old"] = 0 });
        var removal = await stack.Router.DrainAndRemoveAsync(RoutedStack.Backend, "old", TimeSpan.FromSeconds(5));

        Assert.Equal("old", await slow);
        Assert.True(removal.DrainedCleanly);
        Assert.Equal(0, removal.SessionsCut);
        // It waited for the request (about 600 ms less the time to get here; a loaded machine shortens it).
        Assert.InRange(removal.DrainTime, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
        Assert.Null((await stack.Router.ReadStateAsync(RoutedStack.Backend)).Find("old"));
    }

    [Fact]
    public async Task A_request_still_running_at_the_drain_timeout_is_cut_and_counted()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.FromSeconds(5), ("old", 256), ("new", 0));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var slow = http.GetStringAsync(stack.Frontend);
        await stack.WaitUntilAsync(s => s.Find("old")?.CurrentSessions == 1, TimeSpan.FromSeconds(2));

        var removal = await stack.Router.DrainAndRemoveAsync(RoutedStack.Backend, "old", TimeSpan.FromMilliseconds(300));

        Assert.False(removal.DrainedCleanly);
        Assert.Equal(1, removal.SessionsCut);
        Assert.InRange(removal.DrainTime, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2));
        Assert.IsType<HttpRequestException>(await Record.ExceptionAsync(() => slow));
        Assert.Null((await stack.Router.ReadStateAsync(RoutedStack.Backend)).Find("old"));
    }
}
