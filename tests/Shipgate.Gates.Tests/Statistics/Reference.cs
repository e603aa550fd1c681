namespace Shipgate.Gates.Tests.Statistics;

/// <summary>Where the hard-coded expected values of these tests come from.</summary>
internal static class Reference
{
    /// <summary>
    /// Values marked "scipy" were printed by <c>/usr/bin/python3 tests/Shipgate.Gates.Tests/Statistics/reference_values.py</c>
    /// (Debian python3-scipy: scipy 1.10.1, numpy 1.24.2); each test names the line it copies.
    /// </summary>
    public const string Script = "tests/Shipgate.Gates.Tests/Statistics/reference_values.py";

    /// <summary>Relative tolerance for values computed in closed form by both sides.</summary>
    public const double Tight = 1e-12;

    public static void Close(double expected, double actual, double relativeTolerance = Tight)
    {
        var tolerance = Math.Max(Math.Abs(expected) * relativeTolerance, 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (relative tolerance {relativeTolerance})");
    }

    public static Shipgate.Gates.Statistics.AlignedHistograms Aligned(double[] upperBounds, double[] baseline, double[] candidate) =>
        new(upperBounds, baseline, candidate);

    public static Shipgate.Gates.Statistics.AlignedHistograms Aligned(double[] baseline, double[] candidate) =>
        new([.. Enumerable.Range(1, baseline.Length).Select(i => (double)i)], baseline, candidate);
}
