using MathNet.Numerics;

namespace Shipgate.Gates.Statistics;

/// <summary>The two-sided Mann–Whitney U (Wilcoxon rank-sum) test.</summary>
public static class MannWhitneyU
{
    /// <summary>U of the candidate, the z score and the two-sided p-value; NaN when not computable.</summary>
    public readonly record struct Result(double U, double Z, double PValue);

    /// <summary>
    /// U = R_candidate − n(n+1)/2 with average ranks for ties; normal approximation with the tie-corrected
    /// variance n·m/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and a continuity correction of 0.5 towards the mean
    /// (as scipy's <c>mannwhitneyu(..., use_continuity=True, method="asymptotic")</c>). U above n·m/2
    /// means the candidate tends to be larger. When every value is tied the variance is 0: z = 0, p = 1.
    /// Inputs must be finite; either sample empty gives NaN.
    /// </summary>
    public static Result Test(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        var n = candidate.Count;
        var m = baseline.Count;
        if (n == 0 || m == 0)
            return new Result(double.NaN, double.NaN, double.NaN);

        var pooled = new (double Value, bool IsCandidate)[n + m];
        for (var i = 0; i < n; i++)
            pooled[i] = (candidate[i], true);
        for (var i = 0; i < m; i++)
            pooled[n + i] = (baseline[i], false);
        Array.Sort(pooled, (x, y) => x.Value.CompareTo(y.Value));

        double candidateRankSum = 0, tieTerm = 0;
        for (var start = 0; start < pooled.Length;)
        {
            var end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value.Equals(pooled[start].Value))
                end++;
            var averageRank = ((start + end) / 2.0) + 1;
            double tied = end - start + 1;
            tieTerm += (tied * tied * tied) - tied;
            for (var k = start; k <= end; k++)
            {
                if (pooled[k].IsCandidate)
                    candidateRankSum += averageRank;
            }

            start = end + 1;
        }

        var u = candidateRankSum - (n * (n + 1) / 2.0);
        var mean = n * (double)m / 2;
        var total = (double)(n + m);
        var variance = n * (double)m / 12 * (total + 1 - (tieTerm / (total * (total - 1))));
        if (!(variance > 0))
            return new Result(u, 0, 1);
        var deviation = u - mean;
        var corrected = Math.Max(Math.Abs(deviation) - 0.5, 0);
        var z = Math.Sign(deviation) * corrected / Math.Sqrt(variance);
        // Two-sided tail 2·Φ(−|z|) through erfc, accurate far into the tail.
        var p = Math.Min(1, SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)));
        return new Result(u, z, p);
    }
}
