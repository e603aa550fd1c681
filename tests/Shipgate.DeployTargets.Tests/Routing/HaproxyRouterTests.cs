using System.Globalization;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;
using Xunit.Abstractions;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>A real HAProxy (the Debian package), started by each test, in front of real loopback HTTP backends.</summary>
public sealed class HaproxyRouterTests(ITestOutputHelper output)
{
    private const double ProbeRate = 200;

    [Theory]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(50)]
    public async Task Weights_split_the_traffic_as_planned(double canaryPercent)
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 256), ("canary", 0));
        var plan = WeightPlanner.Plan(CanaryStepSplit.For(canaryPercent, ["stable"], ["canary"]), stack.Router.MaxWeight);

        await stack.Router.SetWeightsAsync(RoutedStack.Backend, plan.Weights);
        var probes = await ProbeAsync(stack, TimeSpan.FromSeconds(2));

        var share = 100.0 * probes.Count(p => p.Backend == "canary") / probes.Count;
        output.WriteLine($"{canaryPercent}% planned, {plan.EffectivePercent[CanaryStepSplit.Canary]:0.00}% by weight, {share:0.00}% of {probes.Count} requests");
        Assert.DoesNotContain(probes, p => p.Failed);
        Assert.InRange(share, canaryPercent - 2, canaryPercent + 2);
    }

    [Fact]
    public async Task Weight_zero_takes_effect_within_one_second_and_drops_nothing()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.FromMilliseconds(10), ("stable", 128), ("canary", 128));
        await using var prober = Prober.Start(stack.Frontend, ProbeRate, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var commandSent = Prober.Now;
        await stack.Router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { ["canary"] = 0 });
        var commandDone = Prober.Now;
        var routedAtCommand = await stack.RoutedToAsync("canary");
        // Longer than the goal, so a weight that did not take effect shows.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var routedLater = await stack.RoutedToAsync("canary");
        var probes = await prober.StopAsync();

        var effect = SwitchEffect.Measure(probes, "canary", commandSent);
        output.WriteLine($"command {(commandDone - commandSent).TotalMilliseconds:0.0} ms; last request routed to the canary sent {effect.TotalMilliseconds:0.0} ms after it; {routedLater - routedAtCommand} routed to it after the command; {probes.Count} requests");
        Assert.Contains(probes, p => p.Backend == "canary" && p.Sent < commandSent);
        // HAProxy's own count: not one request sent to the canary after the command returned, in 1.5 s at 200 req/s.
        Assert.Equal(routedAtCommand, routedLater);
        Assert.True(effect <= TimeSpan.FromSeconds(1), $"the canary still got new requests {effect} after its weight was set to 0");
        Assert.DoesNotContain(probes, p => p.Failed);
    }

    [Fact]
    public async Task Switch_then_drain_and_remove_drops_no_request_under_load()
    {
        var delay = TimeSpan.FromMilliseconds(30);
        await using var stack = await RoutedStack.StartAsync(delay, ("blue", 256));
        var green = stack.AddBackend("green", delay);
        await using var prober = Prober.Start(stack.Frontend, ProbeRate, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The release's order: the new version in, health-checked, then all traffic to it, then the old one drained and removed.
        await stack.Router.EnsureBackendAsync(RoutedStack.Backend, [green.AsServer(0)]);
        await stack.WaitUntilAsync(s => s.Find("green")?.Health == ServerHealth.Up, TimeSpan.FromSeconds(5));
        await stack.Router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { ["green"] = 256, ["blue"] = 0 });
        var removal = await stack.Router.DrainAndRemoveAsync(RoutedStack.Backend, "blue", TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var probes = await prober.StopAsync();

        var seconds = (probes[^1].Sent - probes[0].Sent).TotalSeconds;
        output.WriteLine($"{probes.Count} requests in {seconds:0.0} s; blue served {stack["blue"].Served}, green {green.Served}; drained in {removal.DrainTime.TotalMilliseconds:0} ms, cut {removal.SessionsCut}");
        Assert.InRange(probes.Count / seconds, 100, double.MaxValue);
        Assert.Empty(probes.Where(p => p.Failed).Select(p => p.Error));
        Assert.True(removal.DrainedCleanly);
        Assert.Null((await stack.Router.ReadStateAsync(RoutedStack.Backend)).Find("blue"));
        Assert.True(stack["blue"].Served > 0 && green.Served > 0);
    }

    [Fact]
    public async Task A_dead_backend_is_taken_out_by_the_health_checks()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 128), ("canary", 128));
        await using var prober = Prober.Start(stack.Frontend, 100, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        stack["canary"].Kill();
        var killed = Prober.Now;
        // The limit only catches a check that never fires: how soon it fires is a measurement
        // (docs/benchmarks.md, "Progressive delivery"), which a loaded machine must not turn into a failure.
        var takenOut = await stack.WaitUntilAsync(s => s.Find("canary")?.Health == ServerHealth.Down, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var probes = await prober.StopAsync();

        var failed = probes.Count(p => p.Failed);
        output.WriteLine($"marked down {takenOut.TotalMilliseconds:0} ms after the kill; {failed} of {probes.Count} requests failed");
        // A refused connection is redispatched to the live server: users see no error even before the mark.
        Assert.Equal(0, failed);
        Assert.All(probes.Where(p => p.Sent > killed), p => Assert.Equal("stable", p.Backend));
    }

    [Fact]
    public async Task Ensuring_a_backend_adds_health_checked_servers_once_and_a_second_client_sees_them()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 256));
        var canary = stack.AddBackend("canary");

        await stack.Router.EnsureBackendAsync(RoutedStack.Backend, [stack["stable"].AsServer(200), canary.AsServer(56)]);
        await stack.Router.EnsureBackendAsync(RoutedStack.Backend, [stack["stable"].AsServer(200), canary.AsServer(56)]);
        await stack.WaitUntilAsync(s => s.Find("canary")?.Health == ServerHealth.Up, TimeSpan.FromSeconds(5));

        // As a user's HAProxy is reused: another router on the same runtime socket, named by its path.
        var reused = new HaproxyRouter(RuntimeApiEndpoint.Parse(stack.SocketPath));
        var state = await reused.ReadStateAsync(RoutedStack.Backend);
        Assert.Equal(["stable", "canary"], state.Servers.Select(s => s.Name));
        Assert.Equal([200, 56], state.Servers.Select(s => s.Weight));
        Assert.All(state.Servers, s => Assert.True(s.TakesTraffic, s.ToString()));
    }

    [Fact]
    public async Task The_prometheus_exporter_reports_the_weights_set_at_runtime()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 256), ("canary", 0));
        await stack.Router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { ["stable"] = 230, ["canary"] = 26 });

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{stack.ExporterPort}/metrics"));

        Assert.Contains("haproxy_server_weight{proxy=\"svc\",server=\"canary\"} 26", metrics, StringComparison.Ordinal);
        Assert.Contains("haproxy_server_weight{proxy=\"svc\",server=\"stable\"} 230", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_name_the_backend_or_the_server_and_change_nothing()
    {
        await using var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 256));

        var noBackend = await Assert.ThrowsAsync<TrafficRouterException>(() => stack.Router.ReadStateAsync("other"));
        var noServer = await Assert.ThrowsAsync<TrafficRouterException>(
            () => stack.Router.SetWeightsAsync(RoutedStack.Backend, new Dictionary<string, int> { ["stable"] = 10, ["ghost"] = 1 }));
        var removal = await stack.Router.DrainAndRemoveAsync(RoutedStack.Backend, "ghost", TimeSpan.FromSeconds(1));

        Assert.Equal(RouterErrorKind.NoSuchBackend, noBackend.Kind);
        Assert.Equal(RouterErrorKind.InvalidArgument, noServer.Kind);
        Assert.Contains("no server ghost", noServer.Message, StringComparison.Ordinal);
        Assert.Equal(256, (await stack.Router.ReadStateAsync(RoutedStack.Backend)).Find("stable")!.Weight);
        Assert.False(removal.WasPresent);
    }

    [Fact]
    public async Task A_stopped_router_is_unreachable_not_a_hang()
    {
        var stack = await RoutedStack.StartAsync(TimeSpan.Zero, ("stable", 256));
        var router = stack.Router;
        await stack.DisposeAsync();

        var e = await Assert.ThrowsAsync<TrafficRouterException>(() => router.ReadStateAsync(RoutedStack.Backend));
        Assert.Equal(RouterErrorKind.Unreachable, e.Kind);
    }

    private static async Task<IReadOnlyList<Probe>> ProbeAsync(RoutedStack stack, TimeSpan duration)
    {
        await using var prober = Prober.Start(stack.Frontend, ProbeRate, duration);
        await Task.Delay(duration);
        return await prober.StopAsync();
    }
}
