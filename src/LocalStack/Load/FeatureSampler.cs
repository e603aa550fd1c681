namespace Shipgate.LocalStack.Load;

/// <summary>Draws feature vectors from seeded normal distributions (Box-Muller); deterministic per seed.</summary>
public sealed class FeatureSampler(IReadOnlyList<FeatureDistribution> features, int seed)
{
    private readonly Random _random = new(seed);

    public Dictionary<string, double> Next()
    {
        var values = new Dictionary<string, double>(features.Count);
        foreach (var feature in features)
        {
            values[feature.Name] = feature.Mean + (feature.StdDev * StandardNormal());
        }

        return values;
    }

    private double StandardNormal()
    {
        var u1 = 1.0 - _random.NextDouble(); // (0, 1]: log(0) is not an option
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
