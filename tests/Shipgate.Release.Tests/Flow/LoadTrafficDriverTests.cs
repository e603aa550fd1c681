using Shipgate.LocalStack.Load;
using Shipgate.Release.Components;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Tests.Flow;

public sealed class LoadTrafficDriverTests
{
    private static readonly Uri Service = new("http://127.0.0.1:1");
    private static readonly TrafficSettings Traffic = new() { Features = ["tenure", "support_calls"] };

    [Fact]
    public void Each_verification_sends_its_own_feature_draws_so_a_candidate_is_never_compared_with_a_replay_of_its_baselines_traffic()
    {
        using var http = new HttpClient();
        // One driver serves a whole canary (an analysis per step): each run draws anew.
        var driver = new LoadTrafficDriver(http, Service, Traffic, (10, 10));
        var first = driver.ProfileFor(TimeSpan.FromSeconds(30));
        var second = driver.ProfileFor(TimeSpan.FromSeconds(30));

        Assert.NotEqual(first.Seed, second.Seed);
        Assert.NotEqual(Draws(first), Draws(second));
    }

    [Fact]
    public void A_given_seed_replays_the_same_bodies()
    {
        using var http = new HttpClient();
        var driver = new LoadTrafficDriver(http, Service, Traffic, (10, 10), seed: 42);

        Assert.Equal(42, driver.ProfileFor(TimeSpan.FromSeconds(30)).Seed);
        Assert.Equal(Draws(driver.ProfileFor(TimeSpan.FromSeconds(30))), Draws(driver.ProfileFor(TimeSpan.FromSeconds(5))));
    }

    private static double[] Draws(LoadProfile profile)
    {
        var sampler = new FeatureSampler(profile.Features, profile.Seed);
        return Enumerable.Range(0, 20).Select(_ => sampler.Next()["tenure"]).ToArray();
    }
}
