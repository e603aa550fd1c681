using Shipgate.LocalStack.Load;

namespace Shipgate.LocalStack.Tests;

public sealed class FeatureSamplerTests
{
    private static readonly FeatureDistribution[] Features = [new("a", 0, 1), new("b", 2, 0.5)];

    [Fact]
    public void The_same_seed_draws_the_same_features()
    {
        var first = new FeatureSampler(Features, 7);
        var second = new FeatureSampler(Features, 7);
        var other = new FeatureSampler(Features, 8);

        var draws = Enumerable.Range(0, 10).Select(_ => first.Next()["a"]).ToList();

        Assert.Equal(draws, Enumerable.Range(0, 10).Select(_ => second.Next()["a"]));
        Assert.NotEqual(draws, Enumerable.Range(0, 10).Select(_ => other.Next()["a"]));
    }

    [Fact]
    public void Draws_follow_each_feature_mean_and_standard_deviation()
    {
        const int n = 20_000;
        var sampler = new FeatureSampler(Features, 3);
        var draws = Enumerable.Range(0, n).Select(_ => sampler.Next()).ToList();

        foreach (var feature in Features)
        {
            var values = draws.Select(d => d[feature.Name]).ToList();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            // Standard error of the mean is sd/sqrt(n) ≈ 0.007 for sd 1; 0.05 is 7 standard errors.
            Assert.Equal(feature.Mean, mean, tolerance: 0.05);
            Assert.Equal(feature.StdDev, sd, tolerance: 0.05);
        }
    }
}
