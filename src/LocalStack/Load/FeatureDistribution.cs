namespace Shipgate.LocalStack.Load;

/// <summary>A feature drawn from a normal distribution. Moving the mean of one simulates data drift.</summary>
public sealed record FeatureDistribution(string Name, double Mean = 0, double StdDev = 1)
{
    /// <summary>Standard normal values for each name: what the sample model was trained on.</summary>
    public static IReadOnlyList<FeatureDistribution> StandardNormal(IEnumerable<string> names) =>
        names.Select(n => new FeatureDistribution(n)).ToList();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || !double.IsFinite(Mean) || !(StdDev >= 0 && double.IsFinite(StdDev)))
        {
            throw new ArgumentException($"Feature '{Name}': needs a name, a finite mean and a finite non-negative standard deviation.", nameof(FeatureDistribution));
        }
    }
}
