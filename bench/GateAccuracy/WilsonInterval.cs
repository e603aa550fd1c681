namespace Shipgate.Bench.GateAccuracy;

/// <summary>The Wilson score interval of a binomial proportion (95%: z = 1.96).</summary>
public static class WilsonInterval
{
    public static (double Low, double High) Of(int successes, int trials, double z = 1.959963984540054)
    {
        if (trials <= 0)
            return (double.NaN, double.NaN);
        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * trials))) / (1 + (z2 / trials));
        var half = z / (1 + (z2 / trials)) * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
