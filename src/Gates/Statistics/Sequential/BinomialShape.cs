namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// The binomial likelihood ratio of "rate p0 + m" over "rate p0", written as a normal ratio on the rate
/// difference d: (m/V)·(d − <see cref="Centre"/>) with V = <see cref="PerRequestVariance"/>/n for a known p0.
/// </summary>
/// <remarks>
/// The exact ratio on n requests with x errors, x·ln(p1/p0) + (n − x)·ln((1 − p1)/(1 − p0)), is linear in x:
/// n·a·(x/n − r*) with slope a = ln(p1(1 − p0)/(p0(1 − p1))) and zero at r* = ln((1 − p0)/(1 − p1))/a.
/// So it is the normal ratio with centre r* − p0 (about 0.44·m for a doubling, where two normals with one
/// variance put it at m/2) and per-request variance m/a (the variance at the logarithmic mean of p0 and p1; the
/// normal shortcut at p1 overstated it by 38% for a doubling, which then took half as long again to show). A
/// rate p0 under m/4 is taken as m/4: an estimated rate near 0 would make a single error decisive, and a ratio
/// of at most 5 needs at least three errors (ln 5 each) to cross ln(1/α) ≥ ln 100.
/// </remarks>
public readonly record struct BinomialShape(double Centre, double PerRequestVariance)
{
    /// <summary>The shape for a baseline rate <paramref name="baselineRate"/> and an increase <paramref name="m"/> (both in (0, 1)).</summary>
    public static BinomialShape Of(double baselineRate, double m)
    {
        var p0 = Math.Min(Math.Max(baselineRate, m / 4), 0.5);
        var p1 = Math.Min(p0 + m, (1 + p0) / 2);
        var slope = Math.Log(p1 * (1 - p0) / (p0 * (1 - p1)));
        var zero = Math.Log((1 - p0) / (1 - p1)) / slope;
        return new BinomialShape((zero - p0) / (p1 - p0) * m, (p1 - p0) / slope);
    }
}
