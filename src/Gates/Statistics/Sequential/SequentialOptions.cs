namespace Shipgate.Gates.Statistics.Sequential;

/// <summary>
/// One sequential test's error budget and the effect that matters. The test may look at the data as often
/// as it likes: the chance it ever fails a version without a regression stays below
/// <see cref="FalseRollbackRate"/>, and the chance it ever passes a version with a regression of
/// <see cref="MinimumEffect"/> stays below <see cref="MissedRegressionRate"/>.
/// </summary>
public sealed record SequentialOptions
{
    /// <summary>α of this test: the chance of ever failing a version that did not regress (a gates file splits the release's budget over its tests).</summary>
    public double FalseRollbackRate { get; init; } = 0.01;

    /// <summary>β of this test: the chance of ever passing a version that regressed by the minimum effect.</summary>
    public double MissedRegressionRate { get; init; } = 0.01;

    /// <summary>
    /// The smallest regression that matters, in the test's own unit: a relative increase for error rates and
    /// quantiles (1.0 = twice the baseline's), standard deviations for a mean shift.
    /// </summary>
    public double MinimumEffect { get; init; } = 1.0;

    /// <summary>Error rates only: the smallest increase in rate that matters whatever the baseline's (0.005 = half a percentage point), so a baseline without errors can be compared with.</summary>
    public double MinimumAbsoluteEffect { get; init; } = 0.005;

    /// <summary>Fewer observations than this in either version: undecided, keep looking (the normal approximation needs some data).</summary>
    public double MinimumCountPerVersion { get; init; } = 100;

    /// <summary>ln(1/α): the log likelihood ratio at which the test fails (Ville's inequality bounds the false-failure chance by α).</summary>
    public double FailBoundary => -Math.Log(FalseRollbackRate);

    /// <summary>ln(β): the log likelihood ratio at or below which the test passes.</summary>
    public double PassBoundary => Math.Log(MissedRegressionRate);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(FalseRollbackRate is > 0 and < 0.5))
            throw new ArgumentOutOfRangeException(nameof(FalseRollbackRate), FalseRollbackRate, "FalseRollbackRate must be in (0, 0.5).");
        if (!(MissedRegressionRate is > 0 and < 0.5))
            throw new ArgumentOutOfRangeException(nameof(MissedRegressionRate), MissedRegressionRate, "MissedRegressionRate must be in (0, 0.5).");
        if (!(MinimumEffect > 0) || double.IsInfinity(MinimumEffect))
            throw new ArgumentOutOfRangeException(nameof(MinimumEffect), MinimumEffect, "MinimumEffect must be a finite number > 0.");
        if (!(MinimumAbsoluteEffect is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(MinimumAbsoluteEffect), MinimumAbsoluteEffect, "MinimumAbsoluteEffect must be in (0, 1).");
        if (!(MinimumCountPerVersion >= 1) || double.IsInfinity(MinimumCountPerVersion))
            throw new ArgumentOutOfRangeException(nameof(MinimumCountPerVersion), MinimumCountPerVersion, "MinimumCountPerVersion must be a finite number ≥ 1.");
    }
}
