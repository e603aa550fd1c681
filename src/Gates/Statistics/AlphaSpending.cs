using MathNet.Numerics;

namespace Shipgate.Gates.Statistics;

/// <summary>
/// Group-sequential alpha spending for a gate evaluated repeatedly on the data since the start
/// (Lan &amp; DeMets 1983, Biometrika 70:659–663). The information fraction t of a look is its share of
/// the final sample (elapsed / total analysis time at a steady request rate).
/// </summary>
public static class AlphaSpending
{
    /// <summary>
    /// The α spent by information fraction t in [0, 1]; 0 at t = 0, <paramref name="alpha"/> at t = 1.
    /// O'Brien–Fleming type: α(t) = 2 − 2Φ(z₁₋α/₂ / √t) = erfc(erfc⁻¹(α) / √t).
    /// Pocock type: α(t) = α · ln(1 + (e − 1) t).
    /// </summary>
    public static double Cumulative(SpendingFunction function, double alpha, double informationFraction)
    {
        CheckAlpha(alpha);
        if (!(informationFraction >= 0 && informationFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(informationFraction), informationFraction, "The information fraction must be in [0, 1].");
        if (informationFraction == 0)
            return 0;
        return function switch
        {
            SpendingFunction.OBrienFleming => SpecialFunctions.Erfc(SpecialFunctions.ErfcInv(alpha) / Math.Sqrt(informationFraction)),
            SpendingFunction.Pocock => alpha * Math.Log(1 + ((Math.E - 1) * informationFraction)),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown spending function."),
        };
    }

    /// <summary>
    /// The nominal α of each look: the increment α(t_k) − α(t_{k−1}) of the spending function. Testing
    /// look k at its increment keeps the chance of any false failure at most α(t_last) by the union bound,
    /// whatever the correlation between looks. This is conservative: exact group-sequential boundaries,
    /// which use the correlation of cumulative statistics, would allow slightly larger nominal levels.
    /// </summary>
    public static IReadOnlyList<double> NominalAlphas(SpendingFunction function, double alpha, IReadOnlyList<double> informationFractions)
    {
        ArgumentNullException.ThrowIfNull(informationFractions);
        if (informationFractions.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(informationFractions), "At least one look is needed.");
        var nominal = new double[informationFractions.Count];
        var spent = 0.0;
        var previous = 0.0;
        for (var k = 0; k < nominal.Length; k++)
        {
            var t = informationFractions[k];
            if (!(t > previous && t <= 1))
                throw new ArgumentOutOfRangeException(nameof(informationFractions), t, $"Look {k + 1}: information fractions must increase strictly within (0, 1].");
            var cumulative = Cumulative(function, alpha, t);
            nominal[k] = cumulative - spent;
            spent = cumulative;
            previous = t;
        }

        return nominal;
    }

    /// <summary>Evenly spaced looks 1/K, 2/K, …, 1.</summary>
    public static IReadOnlyList<double> EvenlySpaced(int looks) => looks < 1
        ? throw new ArgumentOutOfRangeException(nameof(looks), looks, "At least one look is needed.")
        : [.. Enumerable.Range(1, looks).Select(k => (double)k / looks)];

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1).");
    }
}
